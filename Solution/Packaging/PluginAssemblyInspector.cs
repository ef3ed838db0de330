using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

namespace AccountPlanXrm.Solution.Packaging;

/// <summary>Identity and type names of a .NET assembly, read from its metadata without loading it.</summary>
public sealed class AssemblyFacts
{
    public required string Name { get; init; }

    public required Version Version { get; init; }

    public required string Culture { get; init; }

    /// <summary>Public key token in lower-case hex, or "null" when the assembly has no public key (not strong-named).</summary>
    public required string PublicKeyToken { get; init; }

    /// <summary>Full names (Namespace.Type) of the types the assembly defines.</summary>
    public required IReadOnlySet<string> TypeNames { get; init; }

    /// <summary>The display name as Dataverse stores it in PluginAssembly/@FullName.</summary>
    public string FullName => $"{Name}, Version={Version}, Culture={Culture}, PublicKeyToken={PublicKeyToken}";
}

/// <summary>Reads <see cref="AssemblyFacts"/> from a DLL (any target framework).</summary>
public static class PluginAssemblyInspector
{
    /// <summary>Reads the facts; returns null when the bytes are not a .NET assembly.</summary>
    public static AssemblyFacts? Read(byte[] bytes)
    {
        try
        {
            using var pe = new PEReader(new MemoryStream(bytes, writable: false));
            if (!pe.HasMetadata)
            {
                return null;
            }

            var reader = pe.GetMetadataReader();
            if (!reader.IsAssembly)
            {
                return null;
            }

            var definition = reader.GetAssemblyDefinition();
            var publicKey = reader.GetBlobBytes(definition.PublicKey);
            var culture = reader.GetString(definition.Culture);
            var types = new HashSet<string>(StringComparer.Ordinal);
            foreach (var handle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(handle);
                if (type.GetDeclaringType().IsNil)
                {
                    var ns = reader.GetString(type.Namespace);
                    var name = reader.GetString(type.Name);
                    types.Add(string.IsNullOrEmpty(ns) ? name : ns + "." + name);
                }
            }

            return new AssemblyFacts
            {
                Name = reader.GetString(definition.Name),
                Version = definition.Version,
                Culture = string.IsNullOrEmpty(culture) ? "neutral" : culture,
                PublicKeyToken = publicKey.Length == 0 ? "null" : Token(publicKey),
                TypeNames = types,
            };
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }

    /// <summary>The public key token: the last eight bytes of the SHA-1 hash of the public key, reversed.</summary>
    public static string Token(byte[] publicKey)
    {
        var hash = SHA1.HashData(publicKey);
        var token = hash[^8..];
        Array.Reverse(token);
        return Convert.ToHexStringLower(token);
    }

    /// <summary>Splits "Name, Version=1.0.0.0, Culture=neutral, PublicKeyToken=abc" into name and key/value parts.</summary>
    public static (string Name, IReadOnlyDictionary<string, string> Parts) ParseFullName(string fullName)
    {
        var pieces = fullName.Split(',', StringSplitOptions.TrimEntries);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var piece in pieces.Skip(1))
        {
            var eq = piece.IndexOf('=');
            if (eq > 0)
            {
                parts[piece[..eq].Trim()] = piece[(eq + 1)..].Trim();
            }
        }

        return (pieces[0], parts);
    }
}
