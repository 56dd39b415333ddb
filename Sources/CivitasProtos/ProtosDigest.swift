// Written by Protocols/generate. Do not edit.

/// SHA-256 over the .proto files this module was generated from (each file's path
/// relative to Protocols/, a newline, then its bytes, in byte order of the paths).
public enum ProtosDigest {
    public static let sha256 = "6acc0babbd791566a5b0e79552624be92172ea8b06de17f47789a997b43b297d"
}
