using System.Text.Json;
using Cake.BuildxCache.Flow;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;

namespace Cake.BuildxCache.Tests.Report;

/// <summary>What --cache-promote did, in buildx-report.json.</summary>
public sealed class PromotionReportTests
{
    [Test]
    public void The_report_keeps_its_fields_and_gains_the_promotions_verdict_and_why()
    {
        const string Report = "{\n  \"schemaVersion\": 1,\n  \"summary\": {\n    \"cached\": 3\n  }\n}\n";
        var decision = new PromotionDecision(PromotionVerdict.RefuseUnknown, "the branch ref holds aaaaaaaa, and git cannot tell");
        var result = new PromotionResult(decision, false, null, TimeSpan.FromMilliseconds(84.26), ["cache promote: " + decision.Why]);

        var json = PromotionReport.AddTo(Report, result);

        using var document = JsonDocument.Parse(json);
        var promotion = document.RootElement.GetProperty("cachePromotion");
        Assert.That(document.RootElement.GetProperty("summary").GetProperty("cached").GetInt32(), Is.EqualTo(3));
        Assert.That(promotion.GetProperty("promoted").GetBoolean(), Is.False);
        Assert.That(promotion.GetProperty("verdict").GetString(), Is.EqualTo("RefuseUnknown"));
        Assert.That(promotion.GetProperty("why").GetString(), Does.Contain("git cannot tell"));
        Assert.That(promotion.GetProperty("milliseconds").GetDouble(), Is.EqualTo(84.3));
        Assert.That(json, Does.EndWith("}\n").And.Not.Contain("\r"));
    }

    [Test]
    public void Without_a_promotion_the_report_is_left_as_it_is()
    {
        Assert.That(PromotionReport.AddTo("{\"a\":1}", null), Is.EqualTo("{\"a\":1}"));
    }
}
