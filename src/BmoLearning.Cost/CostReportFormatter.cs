using System.Globalization;
using System.Text;

namespace BmoLearning.Cost;

/// <summary>Renders a <see cref="CostReport"/> as a fixed-width plain-text table for a terminal or CI log.</summary>
public static class CostReportFormatter
{
    private const int DescriptionWidth = 56;

    /// <summary>Lines below the table (assumptions, problems) wrap at this width.</summary>
    private const int TextWidth = 120;
    private const string Gap = "  ";

    public static string ToTable(CostReport report, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;

        sb.AppendLine(title ?? "Monthly cost estimate");
        sb.AppendLine(inv, $"Prices: {PriceTable.Regions} list prices as of {report.PriceTableDate:yyyy-MM-dd}, 730 h/month; plan region: {report.Region ?? "unknown"}");
        sb.AppendLine();

        string[] header = ["SERVICE", "RESOURCE", "DESCRIPTION", "QUANTITY", "UNIT", "UNIT $", "$/MONTH"];
        var rows = report.LineItems.Select(i => new[]
        {
            i.Service,
            i.Address,
            i.Description,
            i.Quantity.ToString("0.####", inv),
            i.Unit,
            i.UnitPrice.ToString("0.00#####", inv),
            i.Monthly.ToString("0.00", inv) + (i.UsageBased ? " *" : "  "),
        }).ToList();

        var widths = new int[header.Length];
        for (var c = 0; c < header.Length; c++)
        {
            widths[c] = Math.Max(header[c].Length, rows.Count == 0 ? 0 : rows.Max(r => c == 2 ? Math.Min(r[c].Length, DescriptionWidth) : r[c].Length));
        }

        var rightAligned = new[] { false, false, false, true, false, true, true };
        AppendRow(sb, header, widths, rightAligned);
        AppendRow(sb, widths.Select(w => new string('-', w)).ToArray(), widths, rightAligned);
        foreach (var row in rows)
        {
            var lines = Wrap(row[2], widths[2]);
            row[2] = lines[0];
            AppendRow(sb, row, widths, rightAligned);
            foreach (var more in lines.Skip(1))
            {
                AppendRow(sb, ["", "", more, "", "", "", ""], widths, rightAligned);
            }
        }

        var tableWidth = widths.Sum() + (Gap.Length * (widths.Length - 1));
        sb.AppendLine(new string('-', tableWidth));
        var total = report.MonthlyTotal.ToString("0.00", inv) + "  ";
        var usage = report.UsageBasedTotal.ToString("0.00", inv) + "  ";
        AppendTotal(sb, "TOTAL per month (USD)", total, tableWidth);
        AppendTotal(sb, "  of which from usage assumptions (*)", usage, tableWidth);
        AppendTotal(sb, "  fixed by the plan", (report.MonthlyTotal - report.UsageBasedTotal).ToString("0.00", inv) + "  ", tableWidth);

        sb.AppendLine();
        sb.AppendLine("Assumptions");
        var keyWidth = report.Assumptions.Count == 0 ? 0 : report.Assumptions.Max(a => a.Key.Length);
        foreach (var a in report.Assumptions)
        {
            var text = a.Note is { Length: > 0 } ? $"{a.Value} ({a.Note})" : a.Value;
            AppendWrapped(sb, "  " + a.Key.PadRight(keyWidth) + Gap, text);
        }

        sb.AppendLine();
        sb.AppendLine("Price notes");
        foreach (var note in PriceTable.VerifyNotes)
        {
            sb.Append("  - ").AppendLine(note);
        }

        sb.AppendLine();
        sb.AppendLine(inv, $"Problems ({report.Problems.Count})");
        if (report.Problems.Count == 0)
        {
            sb.AppendLine("  none");
        }

        foreach (var p in report.Problems)
        {
            AppendWrapped(sb, "  ! ", $"{p.Address}: {p.Message}");
        }

        sb.AppendLine();
        sb.AppendLine(inv, $"Not priced ({report.NotPriced.Count} resources): free or usage-only");
        AppendUnpriced(sb, report.NotPriced);
        return sb.ToString();
    }

    private static void AppendUnpriced(StringBuilder sb, IReadOnlyList<UnpricedResource> notPriced)
    {
        // Charged-but-unpriced and on-demand items one by one; free ones grouped by type.
        var rows = new List<(string Kind, string What, string Reason)>();
        foreach (var r in notPriced.Where(r => r.Kind == UnpricedKind.NotInPriceTable))
        {
            rows.Add(("NOT IN TABLE", r.Address, r.Reason));
        }

        foreach (var r in notPriced.Where(r => r.Kind == UnpricedKind.BilledWhenUsed))
        {
            rows.Add(("when used", r.Address, r.Reason));
        }

        foreach (var g in notPriced.Where(r => r.Kind == UnpricedKind.Free).GroupBy(r => (r.Type, r.Reason)))
        {
            var what = g.Count() == 1 ? g.First().Address : string.Create(CultureInfo.InvariantCulture, $"{g.Key.Type} x{g.Count()}");
            rows.Add(("free", what, g.Key.Reason));
        }

        if (rows.Count == 0)
        {
            sb.AppendLine("  none");
            return;
        }

        var kindWidth = rows.Max(r => r.Kind.Length);
        var whatWidth = rows.Max(r => r.What.Length);
        foreach (var (kind, what, reason) in rows)
        {
            sb.Append("  ").Append(kind.PadRight(kindWidth)).Append(Gap).Append(what.PadRight(whatWidth)).Append(Gap).AppendLine(reason);
        }
    }

    /// <summary><paramref name="prefix"/> then <paramref name="text"/>, continuation lines indented under the text.</summary>
    private static void AppendWrapped(StringBuilder sb, string prefix, string text)
    {
        var lines = Wrap(text, Math.Max(40, TextWidth - prefix.Length));
        sb.Append(prefix).AppendLine(lines[0]);
        foreach (var more in lines.Skip(1))
        {
            sb.Append(' ', prefix.Length).AppendLine(more);
        }
    }

    private static void AppendRow(StringBuilder sb, string[] cells, int[] widths, bool[] rightAligned)
    {
        var line = new StringBuilder();
        for (var c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                line.Append(Gap);
            }

            line.Append(rightAligned[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
        }

        sb.AppendLine(line.ToString().TrimEnd());
    }

    private static void AppendTotal(StringBuilder sb, string label, string amount, int tableWidth) =>
        sb.Append(label).AppendLine(amount.PadLeft(Math.Max(amount.Length, tableWidth - label.Length)));

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > width)
            {
                lines.Add(current.ToString());
                current.Clear();
            }

            if (current.Length > 0)
            {
                current.Append(' ');
            }

            current.Append(word);
        }

        lines.Add(current.ToString());
        return lines;
    }
}
