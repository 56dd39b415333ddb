// Written by Protocols/generate. Do not edit.

/// SHA-256 over the .proto files this module was generated from (each file's path
/// relative to Protocols/, a newline, then its bytes, in byte order of the paths).
public enum ProtosDigest {
    public static let sha256 = "3bb8699f94953c6b56b8e3b22a3df71f32bda468cede8c1f8ae08032b426c289"
}
