namespace Steward.Core.Storage;

/// <summary>
/// How far one object's scan goes, so an object can cost no more than a known amount of memory and time however it is
/// built: a text budget for all it holds (decompressed, extracted), a size up to which a container or document is opened
/// whole (its index is at its end), how many members and how deep, and how far a member may expand (a zip bomb expands a
/// thousandfold and more; real text compresses about 3 to 10 times, XML up to about 50).
/// </summary>
/// <param name="TextBytes">Text scanned per object, summed over every member and page (decompressed bytes, or UTF-16 bytes of extracted text / 2).</param>
/// <param name="OpenBytes">Objects up to this size are read whole when they are containers or documents; larger ones are named too large.</param>
/// <param name="Members">Members read per object, over all nesting.</param>
/// <param name="Depth">Containers inside containers: a ZIP in a ZIP is depth 2.</param>
/// <param name="ExpansionRatio">A member that expands past this many times its compressed size (once over 1 MiB) is not read past that.</param>
public sealed record ReadLimits(long TextBytes, long OpenBytes, int Members = 1000, int Depth = 3, int ExpansionRatio = 100)
{
    public static readonly ReadLimits Default = new(TextBytes: 1024 * 1024, OpenBytes: 64L * 1024 * 1024);

    /// <summary>What a member may expand to before it is cut, bounded by what is left of the text budget's scale.</summary>
    public long ExpansionCap(long compressed) => Math.Max(1024L * 1024, compressed * ExpansionRatio);
}
