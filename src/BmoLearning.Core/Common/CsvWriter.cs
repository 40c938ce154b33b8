using System.Text;

namespace BmoLearning.Core.Common;

/// <summary>
/// The one CSV writer for every export (RFC 4180 quoting). A cell that a spreadsheet would run as a formula
/// (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe, so a value such as
/// =HYPERLINK(...) is shown as text, never executed.
/// </summary>
public static class CsvWriter
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>True when a spreadsheet would read the value as a formula.</summary>
    public static bool LooksLikeFormula(string? value) => !string.IsNullOrEmpty(value) && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>The value with an apostrophe in front when it would run as a formula; used on import too, so stored text is inert.</summary>
    public static string? Neutralise(string? value) => LooksLikeFormula(value) ? "'" + value : value;

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        value = Neutralise(value)!;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static string Write(IEnumerable<IReadOnlyList<string?>> rows)
    {
        var csv = new StringBuilder();
        foreach (var row in rows)
        {
            csv.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }

        return csv.ToString();
    }
}
