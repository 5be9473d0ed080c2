using System;
using System.Security.Cryptography;
using System.Text;

namespace Edge.Host.Provisioning
{
    /// <summary>
    /// A line of a mosquitto password_file (mosquitto.conf(5) "password_file", mosquitto_passwd(1)), hashed as
    /// mosquitto 2.0 hashes it: <c>user:$7$iterations$salt$hash</c>, where type 7 is PBKDF2 with HMAC-SHA-512
    /// (RFC 8018 section 5.2) over the UTF-8 password, a 12-byte random salt and a 64-byte derived key, salt and key in
    /// base64. mosquitto reads the iteration count from the line; 101 is what mosquitto_passwd 2.0 writes by default.
    /// </summary>
    public static class MosquittoPasswordLine
    {
        /// <summary>mosquitto_passwd 2.0's default iteration count (its -I option); the broker pays it on every CONNECT.</summary>
        public const int Iterations = 101;

        /// <summary>The salt length mosquitto_passwd draws (password_mosq.h, SALT_LEN).</summary>
        public const int SaltBytes = 12;

        /// <summary>The derived key is as long as one SHA-512 output.</summary>
        public const int HashBytes = 64;

        /// <summary>The line for <paramref name="user"/> and <paramref name="password"/>, with a fresh random salt.</summary>
        public static string Create(string user, string password) =>
            Create(user, password, RandomNumberGenerator.GetBytes(SaltBytes), Iterations);

        /// <summary>The line for a given salt and iteration count (known-answer tests; a provisioned node always gets a fresh salt).</summary>
        public static string Create(string user, string password, byte[] salt, int iterations)
        {
            ArgumentNullException.ThrowIfNull(user);
            ArgumentNullException.ThrowIfNull(password);
            ArgumentNullException.ThrowIfNull(salt);
            if (user.Length == 0 || user.Contains(':', StringComparison.Ordinal) || user.AsSpan().IndexOfAny('\n', '\r') >= 0)
            {
                // The file is one user:hash per line, split at the first colon.
                throw new ArgumentException("a mosquitto user name is non-empty, on one line, without ':'", nameof(user));
            }

            if (iterations < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(iterations));
            }

            byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
            return $"{user}:$7${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
        }
    }
}
