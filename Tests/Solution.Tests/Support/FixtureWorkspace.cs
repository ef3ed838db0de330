using System.Reflection;
using System.Reflection.Emit;
using System.Xml.Linq;

namespace AccountPlanXrm.Solution.Tests.Support;

/// <summary>
/// A temporary copy of the fixture solution (Fixtures/src) with a generated, strong-named "Fixture.Plugins" assembly,
/// so tests can break files freely and pack without a plug-in build. Deleted on dispose.
/// </summary>
public sealed class FixtureWorkspace : IDisposable
{
    /// <summary>The token written in the fixture files; replaced by the generated assembly's real token.</summary>
    public const string PlaceholderToken = "0123456789abcdef";

    public FixtureWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "apx-tests", Guid.NewGuid().ToString("N"));
        Source = Path.Combine(Root, "src");
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "Fixtures", "src"), Source);
        PluginDll = Path.Combine(Root, "bin", "Fixture.Plugins.dll");
        Token = EmitPluginAssembly(PluginDll);
        foreach (var file in Directory.EnumerateFiles(Source, "*.xml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            if (text.Contains(PlaceholderToken, StringComparison.Ordinal))
            {
                File.WriteAllText(file, text.Replace(PlaceholderToken, Token, StringComparison.Ordinal));
            }
        }
    }

    public string Root { get; }

    /// <summary>The unpacked fixture solution.</summary>
    public string Source { get; }

    /// <summary>The generated plug-in assembly.</summary>
    public string PluginDll { get; }

    /// <summary>Public key token of the generated assembly.</summary>
    public string Token { get; }

    /// <summary>A fresh empty folder below the workspace.</summary>
    public string Folder(string name)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public string PathOf(string relative) => Path.Combine(Source, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Replaces text in a fixture file; fails when the text is not there (keeps broken-copy tests honest).</summary>
    public void Replace(string relative, string oldText, string newText)
    {
        var path = PathOf(relative);
        var text = File.ReadAllText(path);
        if (!text.Contains(oldText, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{oldText}' not found in {relative}");
        }

        File.WriteAllText(path, text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>Emits Fixture.Plugins 1.0.0.0 with the type Fixture.Plugins.PlanUpdate and a public key; returns its token.</summary>
    public static string EmitPluginAssembly(string path)
    {
        // Any RSA public key will do for identity checks: take the one of a framework assembly.
        var publicKey = typeof(XElement).Assembly.GetName().GetPublicKey()!;
        var name = new AssemblyName("Fixture.Plugins") { Version = new Version(1, 0, 0, 0), CultureName = string.Empty };
        name.SetPublicKey(publicKey);
        var assembly = new PersistedAssemblyBuilder(name, typeof(object).Assembly);
        var module = assembly.DefineDynamicModule("Fixture.Plugins");
        var type = module.DefineType("Fixture.Plugins.PlanUpdate", TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.Sealed);
        type.DefineDefaultConstructor(MethodAttributes.Public);
        type.CreateType();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var stream = File.Create(path))
        {
            assembly.Save(stream);
        }

        return typeof(XElement).Assembly.GetName().GetPublicKeyToken()!.Aggregate(string.Empty, (s, b) => s + b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
    }

    public static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal), overwrite: true);
        }
    }
}
