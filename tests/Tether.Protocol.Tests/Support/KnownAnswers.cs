using System.Collections.Concurrent;
using System.Text.Json;

namespace Tether.Protocol.Tests.Support;

/// <summary>
/// Reads the known-answer files of tests/vectors/ (docs/protocol.md §6). Each case becomes its own
/// theory row, identified by a readable id string (xUnit can show and serialize strings), which the
/// test uses to look the case up again.
/// </summary>
internal static class KnownAnswers
{
    private static readonly ConcurrentDictionary<string, JsonDocument> Files = new();


    /// <summary>The root object of a file in tests/vectors/.</summary>
    public static JsonElement File(string fileName) =>
        Files.GetOrAdd(fileName, name =>
            JsonDocument.Parse(System.IO.File.ReadAllBytes(Path.Combine(RepositoryPaths.KnownAnswers, name)))).RootElement;

    /// <summary>One theory row per element of <c>file[array]</c>, named by <paramref name="id"/>.</summary>
    public static TheoryData<string> Ids(string fileName, string array, Func<JsonElement, string> id)
    {
        var ids = File(fileName).GetProperty(array).EnumerateArray().Select(id).ToList();
        // Ids must be unique, or a case could hide behind another and never be checked.
        var duplicate = ids.GroupBy(x => x).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"{fileName} {array}: two cases share the id '{duplicate.Key}'.");
        }

        return new TheoryData<string>(ids);
    }

    /// <summary>The element of <c>file[array]</c> whose id is <paramref name="wanted"/>.</summary>
    public static JsonElement Case(string fileName, string array, Func<JsonElement, string> id, string wanted) =>
        File(fileName).GetProperty(array).EnumerateArray().Single(e => id(e) == wanted);

    /// <summary>The <c>name</c> member, the id of most cases.</summary>
    public static string Name(JsonElement e) => e.GetProperty("name").GetString()!;

    public static string Str(this JsonElement e, string property) => e.GetProperty(property).GetString()!;

    public static byte[] Hex(this JsonElement e, string property) => Convert.FromHexString(e.Str(property));

    /// <summary>u64 values are decimal strings in the files, since JSON numbers lose precision past 2^53.</summary>
    public static ulong U64(this JsonElement e, string property) =>
        e.GetProperty(property).ValueKind == JsonValueKind.String ? ulong.Parse(e.Str(property), System.Globalization.CultureInfo.InvariantCulture) : e.GetProperty(property).GetUInt64();
}
