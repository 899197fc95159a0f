namespace NewsSite.Core.Markdown;

/// <summary>
/// Unique anchor ids for the headings of one document: the first "fazit", then "fazit-2", "fazit-3" … Each base id
/// keeps the next number to try, so that 20,000 equal headings cost 20,000 steps, not the 200 million that probing
/// from 2 each time took (an 80 KB preview ran for 18 s). An id already taken, also by a heading literally called
/// "Fazit 2", is skipped; each id can be skipped at most once per base, so the work stays linear.
/// </summary>
internal sealed class HeadingIds
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nextNumber = new(StringComparer.Ordinal);

    /// <summary>Ids tried so far, taken or not: the work done, which tests hold to the number of headings.</summary>
    public long Probes { get; private set; }

    public string Next(string baseId)
    {
        ArgumentNullException.ThrowIfNull(baseId);
        Probes++;
        if (_used.Add(baseId))
        {
            return baseId;
        }

        for (var n = _nextNumber.GetValueOrDefault(baseId, 2); ; n++)
        {
            Probes++;
            var id = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{baseId}-{n}");
            if (_used.Add(id))
            {
                _nextNumber[baseId] = n + 1;
                return id;
            }
        }
    }
}
