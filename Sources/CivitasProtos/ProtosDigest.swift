// Written by Protocols/generate. Do not edit.

/// SHA-256 over the .proto files this module was generated from (each file's path
/// relative to Protocols/, a newline, then its bytes, in byte order of the paths).
public enum ProtosDigest {
    public static let sha256 = "787bd1833080cb5a95a6491f77c1776ce659447f3442ca793532bf2eb0bfa377"
}
