using System.Security.Cryptography;

namespace AccountPlanXrm.Plugins.Infrastructure
{
    /// <summary>
    /// Name-based ids (RFC 4122 version 5, SHA-1): the same inputs always give the same id, so a retried or
    /// concurrent create of "the same" row collides on the primary key instead of creating a twin.
    /// </summary>
    public static class DeterministicId
    {
        private static readonly Guid Namespace = new Guid("6d1f1c55-2b7e-4c59-9a3e-0d5a8f1e7a41");

        public static Guid From(params string[] parts)
        {
            var name = Encoding.UTF8.GetBytes(string.Join("|", parts));
            var ns = Namespace.ToByteArray();
            SwapByteOrder(ns);
            byte[] hash;
            using (var sha1 = SHA1.Create())
            {
                var input = new byte[ns.Length + name.Length];
                Buffer.BlockCopy(ns, 0, input, 0, ns.Length);
                Buffer.BlockCopy(name, 0, input, ns.Length, name.Length);
                hash = sha1.ComputeHash(input);
            }

            var bytes = new byte[16];
            Array.Copy(hash, bytes, 16);
            bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            SwapByteOrder(bytes);
            return new Guid(bytes);
        }

        private static void SwapByteOrder(byte[] guid)
        {
            Swap(guid, 0, 3);
            Swap(guid, 1, 2);
            Swap(guid, 4, 5);
            Swap(guid, 6, 7);
        }

        private static void Swap(byte[] bytes, int a, int b)
        {
            var t = bytes[a];
            bytes[a] = bytes[b];
            bytes[b] = t;
        }
    }
}
