package com.themepress.server.events.streams;

import java.util.List;

import io.lettuce.core.ScriptOutputType;

/**
 * Trims the event stream up to the oldest entry some consumer group still needs, never further.
 * Redis 7.0 has every command used here (XTRIM MINID since 6.2, XINFO GROUPS, XPENDING's summary,
 * MEMORY USAGE); nothing relies on 7.2 or later.
 */
public final class StreamTrim {

    /**
     * One step, so no group moves between looking and trimming. A group needs its oldest pending
     * entry (XPENDING's summary: read, not yet acknowledged or moved to the retry schedule) and
     * everything after its last-delivered id (not read yet). Of the rest, the settled entries, those
     * older than ARGV[1] (an id at the age cutoff) go; when the stream is longer than ARGV[2], or
     * ARGV[3] is '1' (over its memory target), more of them go, the cutoff for length interpolated
     * between the first and last ids' times (XTRIM has no "by count, but not past this id").
     * Answers {trimmed, length left, memory used in bytes}.
     */
    private static final String TRIM = """
            local function split(id)
              local ms, seq = string.match(id, '^(%d+)-(%d+)$')
              return {tonumber(ms), tonumber(seq)}
            end
            local function before(a, b)
              return a[1] < b[1] or (a[1] == b[1] and a[2] < b[2])
            end
            local len = redis.call('XLEN', KEYS[1])
            if len == 0 then
              return {0, 0, redis.call('MEMORY', 'USAGE', KEYS[1]) or 0}
            end
            local needed = nil
            for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
              local info = {}
              for i = 1, #group, 2 do info[group[i]] = group[i + 1] end
              local last = split(info['last-delivered-id'])
              local oldest = {last[1], last[2] + 1}
              if info['pending'] > 0 then
                local summary = redis.call('XPENDING', KEYS[1], info['name'])
                local first = split(summary[2])
                if before(first, oldest) then oldest = first end
              end
              if needed == nil or before(oldest, needed) then needed = oldest end
            end
            local cut = split(ARGV[1])
            if ARGV[3] == '1' then
              cut = {math.huge, 0}
            elseif len > tonumber(ARGV[2]) then
              local first = split(redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)[1][1])
              local last = split(redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1][1])
              local byLength = {first[1] + math.floor((last[1] - first[1]) * (len - tonumber(ARGV[2])) / len), 0}
              if before(cut, byLength) then cut = byLength end
            end
            if needed ~= nil and before(needed, cut) then cut = needed end
            if cut[1] == math.huge then
              cut = split(redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1][1])
              cut[2] = cut[2] + 1
            end
            local trimmed = redis.call('XTRIM', KEYS[1], 'MINID', string.format('%d-%d', cut[1], cut[2]))
            return {trimmed, len - trimmed, redis.call('MEMORY', 'USAGE', KEYS[1]) or 0}
            """;

    /** What one trim did, and the stream's size after it. */
    public record Result(long trimmed, long length, long bytes) {
    }

    private final StreamConnection redis;
    private final String logKey;

    StreamTrim(StreamConnection redis, String logKey) {
        this.redis = redis;
        this.logKey = logKey;
    }

    /**
     * Trims settled entries older than {@code cutoffMillis} (epoch ms), beyond {@code keepLength}, or,
     * with {@code overMemory}, all of them; entries some group still needs are never trimmed.
     */
    public Result trim(long cutoffMillis, long keepLength, boolean overMemory) {
        List<Long> answer = redis.commands().eval(TRIM, ScriptOutputType.MULTI, new String[] {logKey},
                cutoffMillis + "-0", Long.toString(keepLength), overMemory ? "1" : "0");
        return new Result(answer.get(0), answer.get(1), answer.get(2));
    }
}
