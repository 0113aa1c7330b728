using System.Text.Json;
using IssueSync.Jira.Metadata;
using IssueSync.Jira.Rest;
using IssueSync.Worker.Diagnostics;
using IssueSync.Worker.Options;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IssueSync.Worker.Metadata;

/// <summary>
/// Create metadata per (site, Atlassian account, project, issue type): from memory, else from the database (shared
/// by replicas), else from Jira's paginated createmeta endpoints. Per account because Jira answers createmeta by the
/// user's permissions and screens: one user's metadata must never validate another user's request. A field-level
/// 400 from Jira invalidates the entry once.
/// </summary>
public sealed class CreateMetadataCache(
    IssueSyncDbContext db,
    IServiceScopeFactory scopes,
    IJiraCloudClient jira,
    IMemoryCache memory,
    MetadataFetchGate gate,
    TimeProvider time,
    IOptions<WorkerOptions> options,
    WorkerMetrics metrics)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<MetadataLookup> GetAsync(JiraRequestContext context, string accountId, string projectKey, string issueType, bool refresh,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var key = new CacheKey(context.CloudId, accountId, projectKey.ToUpperInvariant(), issueType.Trim().ToLowerInvariant());
        var now = time.GetUtcNow().UtcDateTime;

        var cached = await FindCachedAsync(key, now, refresh, cancellationToken);
        if (cached is not null)
        {
            return cached;
        }

        using var _ = await gate.EnterAsync(key.ToString(), cancellationToken);

        // Whoever held the gate before us may have just stored it.
        cached = await FindCachedAsync(key, now, refresh, cancellationToken);
        if (cached is not null)
        {
            return cached;
        }

        metrics.MetadataLookup("jira");
        var result = await jira.GetCreateMetadataAsync(context, projectKey, issueType, cancellationToken);
        if (!result.IsSuccess)
        {
            return MetadataLookup.Failed(result.Error);
        }

        await StoreAsync(key, result.Value, now, cancellationToken);
        return MetadataLookup.Found(result.Value, fresh: true);
    }

    private async Task<MetadataLookup?> FindCachedAsync(CacheKey key, DateTime now, bool refresh, CancellationToken cancellationToken)
    {
        // A refresh is asked for after Jira refused what the cache said: it always goes to Jira.
        if (refresh)
        {
            return null;
        }

        if (memory.TryGetValue(key, out CreateMetadata? cached) && cached is not null)
        {
            metrics.MetadataLookup("memory");
            return MetadataLookup.Found(cached, fresh: false);
        }

        var row = await db.CreateMetadata.AsNoTracking().SingleOrDefaultAsync(
            m => m.CloudId == key.CloudId && m.AccountId == key.AccountId && m.ProjectKey == key.ProjectKey && m.IssueTypeId == key.IssueType,
            cancellationToken);
        if (row is not null && row.ExpiresAt > now && Deserialize(row.PayloadJson) is { } stored)
        {
            metrics.MetadataLookup("database");
            memory.Set(key, stored, row.ExpiresAt - now);
            return MetadataLookup.Found(stored, fresh: false);
        }

        return null;
    }

    private async Task StoreAsync(CacheKey key, CreateMetadata metadata, DateTime now, CancellationToken cancellationToken)
    {
        var ttl = options.Value.MetadataCacheTtl;
        memory.Set(key, metadata, ttl);
        var payload = JsonSerializer.Serialize(metadata, Json);

        // A context of its own: the caller's context tracks the command being worked on, whose changes must not
        // ride on (or be rolled back with) this cache write.
        await using var scope = scopes.CreateAsyncScope();
        var cache = scope.ServiceProvider.GetRequiredService<IssueSyncDbContext>();
        var row = await cache.CreateMetadata.SingleOrDefaultAsync(
            m => m.CloudId == key.CloudId && m.AccountId == key.AccountId && m.ProjectKey == key.ProjectKey && m.IssueTypeId == key.IssueType,
            cancellationToken);
        if (row is null)
        {
            cache.CreateMetadata.Add(new CreateMetadataCacheEntry
            {
                CloudId = key.CloudId, AccountId = key.AccountId, ProjectKey = key.ProjectKey, IssueTypeId = key.IssueType,
                PayloadJson = payload, FetchedAt = now, ExpiresAt = now + ttl,
            });
        }
        else
        {
            row.PayloadJson = payload;
            row.FetchedAt = now;
            row.ExpiresAt = now + ttl;
        }

        try
        {
            await cache.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another replica stored the same entry at the same moment; theirs is as good as ours.
        }
    }

    private static CreateMetadata? Deserialize(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<CreateMetadata>(payload, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record CacheKey(string CloudId, string AccountId, string ProjectKey, string IssueType);
}
