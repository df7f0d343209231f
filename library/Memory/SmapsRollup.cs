using System.Globalization;

namespace Ops.Memory;

/// <summary>Reads <c>/proc/PID/smaps_rollup</c> (Linux 4.14+): the process's memory summed over its mappings.</summary>
public static class SmapsRollup
{
    /// <summary>Parses the text of an smaps_rollup file into shared and private MB.</summary>
    public static WorkerMemory Parse(string text, int pid, string command, string source = "smaps_rollup")
    {
        long rss = 0, pss = -1, sharedClean = 0, sharedDirty = 0, privateClean = 0, privateDirty = 0;
        var sawRss = false;
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.EndsWith("[rollup]", StringComparison.Ordinal)) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new MemoryInputException(source, number, $"not a 'Name: value kB' line: '{line}'");
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            if (value.EndsWith(" kB", StringComparison.Ordinal)) value = value[..^3].TrimEnd();
            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
                throw new MemoryInputException(source, number, $"{name} value '{value}' is not a number of kB");
            switch (name)
            {
                case "Rss": rss = kb; sawRss = true; break;
                case "Pss": pss = kb; break;
                case "Shared_Clean": sharedClean = kb; break;
                case "Shared_Dirty": sharedDirty = kb; break;
                case "Private_Clean": privateClean = kb; break;
                case "Private_Dirty": privateDirty = kb; break;
            }
        }
        if (!sawRss) throw new MemoryInputException(source, number, "no Rss line", "is this an smaps_rollup file?");
        return new WorkerMemory(pid, command, Mb(rss), Mb(sharedClean + sharedDirty), Mb(privateClean + privateDirty), pss < 0 ? null : Mb(pss));
    }

    /// <summary>Reads a live process's smaps_rollup; null when it exited or is not readable.</summary>
    public static WorkerMemory? Read(int pid, string? command = null)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/smaps_rollup");
            command ??= File.ReadAllText($"/proc/{pid}/comm").Trim();
            return Parse(text, pid, command, $"/proc/{pid}/smaps_rollup");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the process exited between listing and reading, or belongs to another user
        }
    }

    private static double Mb(long kb) => Math.Round(kb / 1024.0, 1);
}
