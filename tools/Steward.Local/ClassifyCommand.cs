using System.Text.Json;
using Steward.Core.Ports;
using Steward.Core.Storage;

namespace Steward.Local;

/// <summary>
/// <c>steward-local classify PATH...</c>: the storage hook's classifier (<see cref="ObjectClassifier"/>, the same code and
/// limits) run on local files and folders, recursively, one JSON line per file, so a folder can be checked before it is
/// uploaded and the classifier's accuracy measured. A file's key is its path below the folder named (a file named alone:
/// its name), so public prefixes apply as in a bucket. Exit 0 when every file was answered, 1 when a file could not be read
/// (its line says why), 2 on a wrong call (a path that does not exist).
/// </summary>
public static class ClassifyCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> paths, StorageSettings settings, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (paths.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p)) is { } missing)
        {
            error.WriteLine($"steward-local classify: {missing} is neither a file nor a folder");
            return 2;
        }
        var failed = 0;
        foreach (var (file, key) in paths.SelectMany(Files))
        {
            string line;
            try
            {
                var classified = await new ObjectClassifier(new LocalFiles(file), settings).ClassifyAsync("local", key, null, ct);
                line = classified is { } c ? Line(file, c.Classification) : Failure(file, "the file went while it was read");
                if (classified is null) failed++;
            }
            catch (IOException e) { line = Failure(file, e.Message); failed++; }
            catch (UnauthorizedAccessException e) { line = Failure(file, e.Message); failed++; }
            output.WriteLine(line);
        }
        return failed == 0 ? 0 : 1;
    }

    private static IEnumerable<(string File, string Key)> Files(string path) =>
        File.Exists(path)
            ? [(path, Path.GetFileName(path))]
            : Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
                .Order(StringComparer.Ordinal).Select(f => (f, Path.GetRelativePath(path, f).Replace(Path.DirectorySeparatorChar, '/')));

    /// <summary>The answer for one file; every kind is counted, zeros included, so lines compare column by column.</summary>
    private static string Line(string path, Classification c)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("path", path);
            json.WriteString("contentType", DataClassRules.Tag(c.Content) + (c.Compressed ? "+gzip" : ""));
            json.WriteString("class", DataClassRules.Tag(c.Class));
            json.WriteString("scan", DataClassRules.Tag(c.Scan.Coverage));
            if (c.Scan.NotRead is { } notRead) json.WriteString("notRead", notRead);
            json.WriteString("reason", c.Reason);
            json.WriteNumber("bytesRead", c.BytesRead);
            json.WriteStartObject("counts");
            foreach (var kind in Enum.GetValues<Finding>()) json.WriteNumber(JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()), c.Findings.GetValueOrDefault(kind));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Failure(string path, string why) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["path"] = path, ["error"] = why });

    /// <summary>One local file as the object store the classifier reads: ranged reads only; it has no tags and takes none.</summary>
    private sealed class LocalFiles(string file) : IObjectStore
    {
        public async Task<ObjectStart?> ReadStartAsync(string bucket, string key, string? versionId, int maxBytes, CancellationToken ct)
        {
            await using var stream = File.OpenRead(file);
            var bytes = new byte[(int)Math.Min(maxBytes, stream.Length)];
            await stream.ReadExactlyAsync(bytes, ct);
            return new ObjectStart(bytes, stream.Length, null, null);
        }

        public Task<Stream?> ReadRangeAsync(string bucket, string key, string? versionId, long from, long toExclusive, CancellationToken ct)
        {
            var stream = File.OpenRead(file);
            stream.Seek(from, SeekOrigin.Begin);
            return Task.FromResult<Stream?>(new BoundedStream(stream, toExclusive - from));
        }

        public Task<IReadOnlyDictionary<string, string>?> GetTagsAsync(string bucket, string key, string? versionId, CancellationToken ct) =>
            Task.FromResult<IReadOnlyDictionary<string, string>?>(new Dictionary<string, string>());

        public Task PutTagsAsync(string bucket, string key, string? versionId, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
            throw new NotSupportedException("classify writes nothing: it only reads local files");
    }

    /// <summary>A file's range, as S3 answers a ranged GET: the stream ends at the range's end.</summary>
    private sealed class BoundedStream(Stream inner, long range) : Stream
    {
        private readonly long _length = range;
        private long _left = range;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => _length - _left; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left <= 0) return 0;
            var read = inner.Read(buffer, offset, (int)Math.Min(count, _left));
            _left -= read;
            return read;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
