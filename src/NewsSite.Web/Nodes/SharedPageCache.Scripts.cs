namespace NewsSite.Web.Nodes;

public sealed partial class SharedPageCache
{
    /// <summary>
    /// The Lua scripts, each one atomic step in Redis. Keys beyond KEYS[] (the tags' sets, the pages in them) are
    /// named in ARGV or read from sets: fine on one Redis server, which is what decision 0026 asks for (no cluster).
    /// </summary>
    private static class Scripts
    {
        /// <summary>The current generation; a missing one (Redis restarted) is set to ARGV[1], a random start.</summary>
        public const string Generation = """
            local current = redis.call('GET', KEYS[1])
            if not current then
              redis.call('SET', KEYS[1], ARGV[1], 'NX')
              current = redis.call('GET', KEYS[1])
            end
            return current
            """;

        /// <summary>
        /// Stores page KEYS[2] (ARGV[3], for ARGV[2] ms) and adds it to the tags' sets ARGV[4…], listed in KEYS[3] — only
        /// while the generation KEYS[1] is still ARGV[1]. Returns 1 if stored, 0 if not.
        /// </summary>
        public const string Store = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return 0
            end
            redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[2])
            for i = 4, #ARGV do
              redis.call('SADD', ARGV[i], KEYS[2])
              redis.call('SADD', KEYS[3], ARGV[i])
            end
            return 1
            """;

        /// <summary>
        /// Deletes every page in the sets of the tags ARGV[4…] (ARGV[2] = 1: of every tag listed in KEYS[2]) and the
        /// sets, and raises the generation KEYS[1] (missing: from the random ARGV[3]). Returns { new generation, 1 if the
        /// generation was ARGV[1] before }.
        /// </summary>
        public const string Evict = """
            local before = redis.call('GET', KEYS[1])
            if not before then
              redis.call('SET', KEYS[1], ARGV[3])
            end
            local tags = {}
            if ARGV[2] == '1' then
              tags = redis.call('SMEMBERS', KEYS[2])
            else
              for i = 4, #ARGV do tags[#tags + 1] = ARGV[i] end
            end
            for _, tag in ipairs(tags) do
              local pages = redis.call('SMEMBERS', tag)
              for i = 1, #pages, 500 do
                redis.call('DEL', unpack(pages, i, math.min(i + 499, #pages)))
              end
              redis.call('DEL', tag)
              redis.call('SREM', KEYS[2], tag)
            end
            local after = redis.call('INCR', KEYS[1])
            if before == ARGV[1] then
              return { after, 1 }
            end
            return { after, 0 }
            """;
    }

    /// <summary>A page as Redis holds it: its tags first (a node copying it into memory needs them to evict it), then its bytes.</summary>
    private static class StoredPage
    {
        public static byte[] Write(string[] tags, byte[] page)
        {
            using var buffer = new MemoryStream(page.Length + 256);
            using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(tags.Length);
                foreach (var tag in tags)
                {
                    writer.Write(tag);
                }

                writer.Write(page);
            }

            return buffer.ToArray();
        }

        public static (string[] Tags, byte[] Page) Read(byte[] stored)
        {
            using var reader = new BinaryReader(new MemoryStream(stored), System.Text.Encoding.UTF8);
            var tags = new string[reader.ReadInt32()];
            for (var i = 0; i < tags.Length; i++)
            {
                tags[i] = reader.ReadString();
            }

            return (tags, reader.ReadBytes(stored.Length - (int)reader.BaseStream.Position));
        }
    }
}
