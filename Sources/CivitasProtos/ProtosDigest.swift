// Written by Protocols/generate. Do not edit.

/// SHA-256 over the .proto files this module was generated from (each file's path
/// relative to Protocols/, a newline, then its bytes, in byte order of the paths).
public enum ProtosDigest {
    public static let sha256 = "d337e2687d8cc82d565b4be83a75f1a1093b2e03f561d7f0c131dbcba46575f2"
}
