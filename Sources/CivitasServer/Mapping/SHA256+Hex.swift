import Crypto
import Foundation

extension SHA256.Digest {
    /// Lower-case hex, as the API carries every SHA-256.
    var hexString: String { map { String(format: "%02x", $0) }.joined() }
}
