using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Sdk.Tests;

[TestClass]
public sealed class IdentityTests
{
    private const string MicrosoftToken = "31bf3856ad364e35";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("Microsoft.Xrm.Sdk", "net462")]
    [DataRow("Microsoft.Xrm.Sdk", "net10.0")]
    [DataRow("Microsoft.Crm.Sdk.Proxy", "net462")]
    [DataRow("Microsoft.Crm.Sdk.Proxy", "net10.0")]
    public void BuiltAssembly_FullName_IsTheRealSdkIdentity(string project, string targetFramework)
    {
        var path = RepoPaths.BuiltAssembly(project, targetFramework);

        var name = AssemblyName.GetAssemblyName(path);

        Assert.AreEqual($"{project}, Version=9.0.0.0, Culture=neutral, PublicKeyToken={MicrosoftToken}", name.FullName);
    }

    [TestMethod]
    public void LoadedSdkAssembly_FullName_IsTheRealSdkIdentity()
    {
        Assert.AreEqual(
            $"Microsoft.Xrm.Sdk, Version=9.0.0.0, Culture=neutral, PublicKeyToken={MicrosoftToken}",
            typeof(Entity).Assembly.FullName);
    }

    [TestMethod]
    public void CommittedPublicKey_HashesToMicrosoftToken()
    {
        var key = File.ReadAllBytes(Path.Combine(Repository.Root, "Sdk", "Microsoft.PublicKey.snk"));

        Assert.AreEqual(MicrosoftToken, TokenOf(key));
    }

    [TestMethod]
    public void CommittedPublicKey_EqualsSharedFrameworkFacadeKey()
    {
        var key = File.ReadAllBytes(Path.Combine(Repository.Root, "Sdk", "Microsoft.PublicKey.snk"));
        var facade = Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "WindowsBase.dll");

        var facadeName = AssemblyName.GetAssemblyName(facade);

        CollectionAssert.AreEqual(facadeName.GetPublicKey(), key);
        Assert.AreEqual(MicrosoftToken, Convert.ToHexStringLower(facadeName.GetPublicKeyToken()!));
    }

    [TestMethod]
    public void BuiltAssembly_PublicKey_EqualsCommittedKey()
    {
        var key = File.ReadAllBytes(Path.Combine(Repository.Root, "Sdk", "Microsoft.PublicKey.snk"));

        var builtKey = AssemblyName.GetAssemblyName(RepoPaths.BuiltAssembly("Microsoft.Xrm.Sdk", "net462")).GetPublicKey();

        CollectionAssert.AreEqual(key, builtKey);
    }

    [TestMethod]
    public void SdkCheck_BuiltSurface_MatchesRealSdk()
    {
        var root = Repository.Root;
        var script = Path.GetFullPath(Path.Combine(root, "..", "shared", "tools", "sdkcheck", "run"));
        if (!File.Exists(script))
        {
            Assert.Inconclusive($"sdkcheck not available ({script} does not exist); the surface check runs where ../shared exists.");
        }

        var net10 = RepoPaths.BuiltAssembly("Microsoft.Xrm.Sdk", "net10.0");
        var proxy = RepoPaths.BuiltAssembly("Microsoft.Crm.Sdk.Proxy", "net10.0");
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(net10);
        start.ArgumentList.Add(proxy);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
        process.WaitForExit();
        var output = stdout.Result + stderr.Result;
        TestContext.WriteLine(output);

        Assert.AreEqual(0, process.ExitCode, output);
        StringAssert.Contains(output, "missing=0 extra=0 mismatch=0");
    }

    private static string TokenOf(byte[] publicKey)
    {
        var hash = SHA1.HashData(publicKey);
        var token = hash.Skip(hash.Length - 8).Reverse().ToArray();
        return Convert.ToHexStringLower(token);
    }
}
