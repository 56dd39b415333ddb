// Written by Protocols/generate. Do not edit.

/// SHA-256 over the .proto files this module was generated from (each file's path
/// relative to Protocols/, a newline, then its bytes, in byte order of the paths).
public enum ProtosDigest {
    public static let sha256 = "2b9374ac6429e98c7c5d9eb78e1ed8da45a11872b7df81e80e71bbf9153722ae"
}
