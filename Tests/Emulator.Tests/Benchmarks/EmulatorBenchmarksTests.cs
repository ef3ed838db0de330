using AccountPlanXrm.Emulator.Benchmarks;

namespace AccountPlanXrm.Emulator.Tests.Benchmarks;

[TestClass]
public sealed class EmulatorBenchmarksTests
{
    [TestMethod]
    public void Run_SmallData_ReportsEveryMeasurement()
    {
        // Arrange
        using var output = new StringWriter();

        // Act
        var result = EmulatorBenchmarks.Run(output, rows: 2_000);

        // Assert (no timing assertions: speed is measured by the benchmark command only)
        Assert.IsTrue(result.CreatesPerSecond > 0);
        StringAssert.Contains(output.ToString(), "creates/s without plug-ins");
        StringAssert.Contains(output.ToString(), "sum aggregate");
        StringAssert.Contains(output.ToString(), "new emulator from cached metadata");
        Assert.AreEqual(6, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
