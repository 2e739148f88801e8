package dev.chatharness.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version the build wrote into the jar manifest. */
final class ManifestVersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = ChatHarness.class.getPackage().getImplementationVersion();
        return new String[] {"chat-harness " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
