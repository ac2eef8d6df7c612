using System.Text.Json;
using System.Text.Json.Nodes;
using Cake.BuildxCache.Registry;

namespace Cake.BuildxCache.Flow;

/// <summary>Adds what <c>--cache-promote</c> did to <c>buildx-report.json</c>, as its <c>cachePromotion</c> object.</summary>
internal static class PromotionReport
{
    /// <summary>The report with the promotion in it.</summary>
    /// <param name="json">The report's JSON.</param>
    /// <param name="promotion">What the promotion did, or null (the report is returned as it is).</param>
    /// <returns>The JSON.</returns>
    public static string AddTo(string json, PromotionResult? promotion)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (promotion is null || JsonNode.Parse(json) is not JsonObject root)
        {
            return json;
        }

        root["cachePromotion"] = new JsonObject
        {
            ["promoted"] = promotion.Promoted,
            ["verdict"] = promotion.Decision?.Verdict.ToString(),
            ["why"] = promotion.Decision?.Why,
            ["digest"] = promotion.Digest,
            ["milliseconds"] = Math.Round(promotion.Elapsed.TotalMilliseconds, 1),
            ["log"] = new JsonArray([.. promotion.Log.Select(line => (JsonNode?)JsonValue.Create(line))]),
        };
        // Written as JsonReport writes it: indented, "\n" line ends, its encoder.
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, NewLine = "\n" }) + (json.EndsWith('\n') ? "\n" : string.Empty);
    }
}
