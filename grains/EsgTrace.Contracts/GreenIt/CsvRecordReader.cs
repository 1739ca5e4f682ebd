namespace EsgTrace.GreenIt;

/// <summary>
/// Reads RFC 4180 records (comma-separated; quoted fields may hold commas, doubled quotes and line breaks) from a text
/// reader through one reused buffer: a record's cells are spans of it, valid until the next <see cref="Read"/>. No string
/// is made per cell unless the caller asks (<see cref="String"/>), which is what lets an import parse a million rows a second.
/// </summary>
public sealed class CsvRecordReader(TextReader reader)
{
    private readonly char[] _input = new char[1 << 16];
    private int _position;
    private int _length;
    private char[] _record = new char[1024];
    private int _recordLength;
    private int[] _ends = new int[32];
    private bool _atEnd;

    /// <summary>Cells in the current record.</summary>
    public int Count { get; private set; }

    /// <summary>The last physical line the current record touched (1-based).</summary>
    public long Line { get; private set; }

    /// <summary>The first physical line of the current record.</summary>
    public long StartLine { get; private set; }

    /// <summary>Cell <paramref name="index"/> of the current record (empty beyond the last cell).</summary>
    public ReadOnlySpan<char> this[int index]
        => index < Count ? _record.AsSpan(index == 0 ? 0 : _ends[index - 1], _ends[index] - (index == 0 ? 0 : _ends[index - 1])) : [];

    /// <summary>The cell as a string (trimmed).</summary>
    public string String(int index) => new(this[index].Trim());

    /// <summary>True when the current record is one empty cell (a blank line).</summary>
    public bool IsBlank => Count == 1 && this[0].IsWhiteSpace();

    /// <summary>Reads the next record; false at the end of the input.</summary>
    public bool Read()
    {
        if (!Fill())
        {
            return false;
        }

        Count = 0;
        _recordLength = 0;
        Line++;
        StartLine = Line;
        var quoted = false;
        var cellStart = 0;
        while (true)
        {
            if (_position == _length && !Fill())
            {
                EndCell();
                return true;
            }

            var c = _input[_position++];
            if (quoted)
            {
                if (c == '"')
                {
                    if (_position == _length)
                    {
                        Fill();
                    }

                    if (_position < _length && _input[_position] == '"')
                    {
                        _position++;
                        Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        Line++;
                    }

                    Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when _recordLength == cellStart:
                    quoted = true;
                    break;
                case ',':
                    EndCell();
                    cellStart = _recordLength;
                    break;
                case '\r':
                    break;
                case '\n':
                    EndCell();
                    return true;
                default:
                    Append(c);
                    break;
            }
        }
    }

    private void EndCell()
    {
        if (Count == _ends.Length)
        {
            Array.Resize(ref _ends, _ends.Length * 2);
        }

        _ends[Count++] = _recordLength;
    }

    private void Append(char c)
    {
        if (_recordLength == _record.Length)
        {
            Array.Resize(ref _record, _record.Length * 2);
        }

        _record[_recordLength++] = c;
    }

    private bool Fill()
    {
        if (_position < _length)
        {
            return true;
        }

        if (_atEnd)
        {
            return false;
        }

        _length = reader.Read(_input, 0, _input.Length);
        _position = 0;
        if (_length == 0)
        {
            _atEnd = true;
            return false;
        }

        return true;
    }
}
