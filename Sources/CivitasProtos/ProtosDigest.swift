// Written by Protocols/generate. Do not edit.

/// SHA-256 over the .proto files this module was generated from (each file's path
/// relative to Protocols/, a newline, then its bytes, in byte order of the paths).
public enum ProtosDigest {
    public static let sha256 = "36ddb2188e697e192905f464aa38f5c8f62f0b4eda9529f5a0b58eeaf045836d"
}
