using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace Steward.Core.Storage;

internal enum PdfOutcome { Read, Encrypted, Damaged, NoText }

/// <summary>
/// A PDF's text layer, page by page in content order (words and lines kept apart, so a number is not run into the next
/// word), read with PdfPig. A PDF encrypted with an empty user password opens and is read, as any viewer opens it; one that
/// needs a password is encrypted; one with pages but no text is scanned paper (images), which Steward does not read.
/// </summary>
internal static class PdfText
{
    public static PdfOutcome Read(byte[] content, ContentReader reader, string name)
    {
        try
        {
            using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            var anyText = false;
            foreach (var page in document.GetPages())
            {
                var text = ContentOrderTextExtractor.GetText(page);
                anyText |= !string.IsNullOrWhiteSpace(text);
                if (!reader.ExtractedText(text, $"{name} page {page.Number}")) break;
            }
            return anyText ? PdfOutcome.Read : PdfOutcome.NoText;
        }
        catch (PdfDocumentEncryptedException) { return PdfOutcome.Encrypted; }
        // A parser of untrusted files fails in as many ways as files are broken (PdfPig throws its own and the BCL's
        // exceptions); whatever it throws, this object was not read, and that is what is said.
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException)) { return PdfOutcome.Damaged; }
    }
}
