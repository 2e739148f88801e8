package dev.chatharness.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.chatharness.cli.ChatHarness;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * deploy/k8s read into Kubernetes' own typed model (Fabric8), and held together: the Indexed Job's shard count, the
 * {@code --shard} each pod gets from its completion index, the report folders, and the merge Job's list of them
 * must agree; every argument list must be one the CLI accepts; every secret key and volume named must exist. (A
 * {@code kubectl --dry-run=client} would need an API server, so this is the check the build can make.)
 */
class KubernetesJobTest {

    private static final Path DIR = Path.of("../deploy/k8s");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final String INDEX_ANNOTATION = "metadata.annotations['batch.kubernetes.io/job-completion-index']";

    private static <T> T read(String file, Class<T> type) throws IOException {
        return YAML.readValue(DIR.resolve(file).toFile(), type);
    }

    /**
     * The container's args as Kubernetes hands them to the process: each {@code $(VAR)} replaced from the container's
     * env; the completion index is {@code index}; a secret's value is its key in {@code secret}.
     */
    private static List<String> expandedArgs(Container container, int index, Secret secret) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), var.getValue());
            } else if (var.getValueFrom().getFieldRef() != null) {
                assertThat(var.getValueFrom().getFieldRef().getFieldPath()).as(var.getName()).isEqualTo(INDEX_ANNOTATION);
                env.put(var.getName(), String.valueOf(index));
            } else if (var.getValueFrom().getSecretKeyRef() != null) {
                String key = var.getValueFrom().getSecretKeyRef().getKey();
                assertThat(var.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret.getMetadata().getName());
                assertThat(secret.getStringData()).as("keys of secret.yaml").containsKey(key);
                env.put(var.getName(), secret.getStringData().get(key));
            }
        }
        List<String> args = new ArrayList<>();
        for (String arg : container.getArgs()) {
            Matcher m = REFERENCE.matcher(arg);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                assertThat(env).as("$(%s) in '%s' is defined in the container's env", m.group(1), arg)
                        .containsKey(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(env.get(m.group(1))));
            }
            m.appendTail(out);
            args.add(out.toString());
        }
        return args;
    }

    /** The CLI's own parser over the args (nothing runs): an option renamed tomorrow fails here. */
    private static ParseResult parse(Container container, List<String> args) {
        assertThat(container.getCommand()).as("the image runs the CLI jar").endsWith("-jar", "/app/chat-harness.jar");
        return ChatHarness.newCommandLine().parseArgs(args.toArray(String[]::new));
    }

    private static ParseResult leaf(ParseResult result) {
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result;
    }

    @Test
    @DisplayName("the Indexed Job's shards, their --shard and report folders, and the merge's list agree")
    void shards_agree() throws IOException {
        Job load = read("load-job.yaml", Job.class);
        Job merge = read("merge-job.yaml", Job.class);
        Secret secret = read("secret.yaml", Secret.class);

        assertThat(load.getSpec().getCompletionMode()).isEqualTo("Indexed");
        int shards = load.getSpec().getCompletions();
        assertThat(load.getSpec().getParallelism()).as("every shard runs at once").isEqualTo(shards);
        Container injector = load.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> reportDirs = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            ParseResult fanout = leaf(parse(injector, expandedArgs(injector, i, secret)));
            assertThat(fanout.commandSpec().qualifiedName()).isEqualTo("chat-harness load fanout");
            assertThat(fanout.matchedOptionValue("--shard", "")).as("pod %d's --shard", i).isEqualTo(i + "/" + shards);
            assertThat((int) fanout.matchedOptionValue("--rooms", 0)).as("a shard owns at least one room")
                    .isGreaterThanOrEqualTo(shards);
            assertThat(fanout.matchedOptionValue("--header", List.<String>of())).as("the gateway header from the secret")
                    .containsExactly(secret.getStringData().get("gateway-header"));
            reportDirs.add(fanout.matchedOptionValue("--report-dir", Path.of("")).toString());
        }
        assertThat(reportDirs).as("one report folder per shard").doesNotHaveDuplicates();

        Container merger = merge.getSpec().getTemplate().getSpec().getContainers().get(0);
        ParseResult merged = leaf(parse(merger, expandedArgs(merger, 0, secret)));
        assertThat(merged.commandSpec().qualifiedName()).isEqualTo("chat-harness load merge");
        List<String> inputs = merged.matchedPositionals().stream()
                .flatMap(p -> p.<List<Object>>getValue().stream()).map(String::valueOf).toList();
        assertThat(inputs).as("the merge reads exactly the shards' folders").containsExactlyElementsOf(reportDirs);
    }

    @Test
    @DisplayName("the Job's volumes name the claim and the CA ConfigMap that exist, mounted where --ca-cert reads")
    void volumes_exist() throws IOException {
        Job load = read("load-job.yaml", Job.class);
        Job merge = read("merge-job.yaml", Job.class);
        PersistentVolumeClaim claim = read("reports-pvc.yaml", PersistentVolumeClaim.class);
        ConfigMap ca = read("ca-configmap.yaml", ConfigMap.class);

        assertThat(claim.getSpec().getAccessModes()).as("shards on several nodes write at once").contains("ReadWriteMany");
        for (Job job : List.of(load, merge)) {
            List<Volume> volumes = job.getSpec().getTemplate().getSpec().getVolumes();
            assertThat(volumes).anySatisfy(v -> assertThat(v.getPersistentVolumeClaim().getClaimName())
                    .isEqualTo(claim.getMetadata().getName()));
        }
        Volume caVolume = load.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getConfigMap() != null).findFirst().orElseThrow();
        assertThat(caVolume.getConfigMap().getName()).isEqualTo(ca.getMetadata().getName());
        Container injector = load.getSpec().getTemplate().getSpec().getContainers().get(0);
        String mount = injector.getVolumeMounts().stream().filter(m -> m.getName().equals(caVolume.getName()))
                .findFirst().orElseThrow().getMountPath();
        String caCert = injector.getArgs().get(injector.getArgs().indexOf("--ca-cert") + 1);
        assertThat(Path.of(caCert).getParent()).isEqualTo(Path.of(mount));
        assertThat(ca.getData()).containsKey(Path.of(caCert).getFileName().toString());
    }
}
