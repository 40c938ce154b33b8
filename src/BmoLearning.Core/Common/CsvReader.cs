namespace BmoLearning.Core.Common;

/// <summary>One record of a CSV file: its fields and the line it starts on (1-based, header included).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>Thrown for CSV that cannot be split into records (a quoted field never closed); the message names the line.</summary>
public sealed class CsvFormatException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}

/// <summary>
/// RFC 4180 reader: comma-separated, double-quoted fields may hold commas, quotes ("") and line breaks;
/// CRLF, LF and CR all end a record. Blank lines are skipped.
/// </summary>
public static class CsvReader
{
    public static IEnumerable<CsvRecord> Read(string text)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var line = 1;
        var start = 1;
        var i = 0;
        var quoted = false;
        var any = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    quoted = false;
                }
                else
                {
                    if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
                    {
                        line++;
                    }

                    field.Append(c);
                }

                i++;
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r' or '\n':
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    if (any || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        yield return new CsvRecord(start, fields.ToArray());
                    }

                    fields.Clear();
                    field.Clear();
                    any = false;
                    line++;
                    start = line;
                    break;
                default:
                    field.Append(c);
                    any = true;
                    break;
            }

            i++;
        }

        if (quoted)
        {
            throw new CsvFormatException(start, $"line {start}: a quoted field is never closed (a \" is missing).");
        }

        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(start, fields.ToArray());
        }
    }
}
