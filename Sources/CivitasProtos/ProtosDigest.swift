// Written by Protocols/generate. Do not edit.

/// SHA-256 over the .proto files this module was generated from (each file's path
/// relative to Protocols/, a newline, then its bytes, in byte order of the paths).
public enum ProtosDigest {
    public static let sha256 = "932353fb7c7edfbd0cfc4ad5e00b510c4ffd3fb87eafa06b6b4d037da36cfd74"
}
