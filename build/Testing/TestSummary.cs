using System.Xml.Linq;

namespace Build.Testing;

/// <summary>Totals of one or more test runs, read from the runs' TRX files.</summary>
/// <param name="Passed">Tests that passed.</param>
/// <param name="Failed">Tests that failed (errors, time-outs and aborts count as failed).</param>
/// <param name="Skipped">Tests not executed (ignored or inconclusive).</param>
public sealed record TestSummary(int Passed, int Failed, int Skipped)
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>The closing line CI reads: <c>N passed, N failed, N skipped</c>.</summary>
    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";

    /// <summary>Adds the counters of every TRX file given.</summary>
    /// <param name="trxFiles">Paths of TRX files.</param>
    /// <returns>The totals.</returns>
    public static TestSummary FromTrx(IEnumerable<string> trxFiles)
    {
        var total = new TestSummary(0, 0, 0);
        foreach (var file in trxFiles)
        {
            var counters = XDocument.Load(file).Descendants(Trx + "Counters").Single();
            int Count(string name) => int.TryParse(counters.Attribute(name)?.Value, out var value) ? value : 0;
            // VSTest leaves notExecuted at 0 for ignored tests: they are the difference between total and executed.
            total = new TestSummary(
                total.Passed + Count("passed"),
                total.Failed + Count("failed") + Count("error") + Count("timeout") + Count("aborted"),
                total.Skipped + Math.Max(Count("notExecuted"), Count("total") - Count("executed")) + Count("inconclusive"));
        }

        return total;
    }
}
