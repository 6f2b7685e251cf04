using System.Text.RegularExpressions;

namespace Matchmaking.Application.Delivery;

public sealed record PlannedMilestone(string Title, DateTime DueUtc);

/// <summary>Turns a bid's free-text milestone plan into proposed milestones the poster then adjusts: one per
/// non-empty line; "第a–b个月" (or "第b个月") sets the due date b months after the start, otherwise the lines are
/// spread evenly over the delivery period.</summary>
public static partial class MilestonePlan
{
    public static IReadOnlyList<PlannedMilestone> Suggest(string plan, DateTime startUtc, int deliveryMonths)
    {
        var lines = plan.Split(['\n', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.Length > 1).Take(12).ToList();
        if (lines.Count == 0) return [new PlannedMilestone("最终验收", startUtc.AddMonths(Math.Max(1, deliveryMonths)))];
        var result = new List<PlannedMilestone>();
        for (var i = 0; i < lines.Count; i++)
        {
            var match = MonthRange().Match(lines[i]);
            var months = match.Success ? int.Parse(match.Groups["end"].Value) : Math.Max(1, deliveryMonths * (i + 1) / lines.Count);
            months = Math.Clamp(months, 1, Math.Max(1, deliveryMonths));
            var title = lines[i].Length > Milestone.MaxTitle ? lines[i][..Milestone.MaxTitle] : lines[i];
            result.Add(new PlannedMilestone(title, startUtc.AddMonths(months)));
        }
        return result;
    }

    [GeneratedRegex(@"第\s*(?:\d+\s*[–\-~至到]\s*)?(?<end>\d+)\s*个?月")]
    private static partial Regex MonthRange();
}
