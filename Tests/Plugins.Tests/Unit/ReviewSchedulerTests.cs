using AccountPlanXrm.Plugins.Infrastructure;
using AccountPlanXrm.Plugins.Logic;
using AccountPlanXrm.Plugins.Model;

namespace AccountPlanXrm.Plugins.Tests.Unit;

[TestClass]
public sealed class ReviewSchedulerTests
{
    private static readonly DateTime Start = new(2027, 1, 1);
    private static readonly DateTime End = new(2027, 12, 31);

    [TestMethod]
    public void NextDue_QuarterlyActivatedAtStart_IsThreeMonthsAfterStart()
    {
        Assert.AreEqual(new DateTime(2027, 4, 1), ReviewScheduler.NextDue(Start, End, Plan.CadenceQuarterly, null, Start));
    }

    [TestMethod]
    public void NextDue_SemiAnnual_IsSixMonthsAfterStart()
    {
        Assert.AreEqual(new DateTime(2027, 7, 1), ReviewScheduler.NextDue(Start, End, Plan.CadenceSemiAnnual, null, Start));
    }

    [TestMethod]
    public void NextDue_ActivatedLate_SkipsPastCadenceDates()
    {
        Assert.AreEqual(new DateTime(2027, 10, 1), ReviewScheduler.NextDue(Start, End, Plan.CadenceQuarterly, null, new DateTime(2027, 8, 15)));
    }

    [TestMethod]
    public void NextDue_AfterPreviousReview_IsTheFollowingCadenceDate()
    {
        Assert.AreEqual(new DateTime(2027, 7, 1), ReviewScheduler.NextDue(Start, End, null, new DateTime(2027, 4, 1), new DateTime(2027, 3, 30)));
    }

    [TestMethod]
    public void NextDue_NoCadenceDateLeftInPeriod_ReturnsNull()
    {
        Assert.IsNull(ReviewScheduler.NextDue(Start, End, Plan.CadenceQuarterly, new DateTime(2027, 10, 1), new DateTime(2027, 10, 2)));
    }

    [TestMethod]
    public void DeterministicId_SameInputs_SameVersionFiveId()
    {
        var a = DeterministicId.From("x", "y");
        var b = DeterministicId.From("x", "y");
        var c = DeterministicId.From("x", "z");

        Assert.AreEqual(a, b);
        Assert.AreNotEqual(a, c);
        Assert.AreEqual('5', a.ToString("D")[14]);
    }
}
