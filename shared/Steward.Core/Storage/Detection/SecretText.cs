namespace Steward.Core.Storage;

/// <summary>What tells a secret's value from a placeholder, a reference or a word: how random its characters are.</summary>
internal static class SecretText
{
    /// <summary>
    /// Shannon entropy in bits per character: a password of eight different characters has 3, a hex digest near 4, base64
    /// near 6; "changeme" has 2.75 and "xxxxxxxx" none.
    /// </summary>
    public static double Entropy(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return 0;
        Span<int> counts = stackalloc int[128];
        counts.Clear();
        var other = 0;
        foreach (var c in value) if (c < 128) counts[c]++; else other++;
        double bits = 0;
        foreach (var n in counts) bits += Term(n, value.Length);
        return bits + Term(other, value.Length);

        static double Term(int n, int length) => n == 0 ? 0 : -(double)n / length * Math.Log2((double)n / length);
    }

    /// <summary>A provider's random part is a placeholder when it is near one repeated character (<c>xxxx…</c>, <c>0000…</c>).</summary>
    public static bool LooksRandom(ReadOnlySpan<char> value) => Entropy(value) >= 2.5;
}
