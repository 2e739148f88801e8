package dev.chatharness.conformance.doctor;

import dev.chatharness.common.exit.ExitCode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every verdict of one examination, in the order the probes ran, and what they add up to. */
public record Diagnosis(URI target, String socketPath, List<Verdict> verdicts, long millis) {

    public Diagnosis {
        verdicts = List.copyOf(verdicts);
    }

    /** The faults found, in order. */
    public List<Fault> faults() {
        return verdicts.stream().flatMap(v -> v.fault().stream()).toList();
    }

    /** 3 when the doctor could not get in (nothing answers, TLS, credentials), 1 for any other fault, else 0. */
    public ExitCode exitCode() {
        if (faults().stream().anyMatch(Fault::unreachable)) {
            return ExitCode.TARGET_UNREACHABLE;
        }
        return faults().isEmpty() ? ExitCode.OK : ExitCode.CHECKS_FAILED;
    }

    /** The last line: healthy, or how many faults and which. */
    public String summary() {
        List<Fault> faults = faults();
        if (faults.isEmpty()) {
            return "healthy: " + target + " passed every probe (" + millis + " ms)";
        }
        return (exitCode() == ExitCode.TARGET_UNREACHABLE ? "unreachable: " : "faults: ") + faults.size() + " ("
                + String.join(", ", faults.stream().map(Fault::id).toList()) + ") in " + millis + " ms";
    }

    /** The same as data, for {@code --json}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("target", target.toString());
        json.put("socketPath", socketPath);
        json.put("healthy", faults().isEmpty());
        json.put("faults", faults().stream().map(Fault::id).toList());
        json.put("verdicts", verdicts.stream().map(Verdict::toJson).toList());
        json.put("millis", millis);
        json.put("exitCode", exitCode().code());
        return json;
    }
}
