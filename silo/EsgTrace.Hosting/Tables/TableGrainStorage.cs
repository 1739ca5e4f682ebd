using EsgTrace.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace EsgTrace.Hosting.Tables;

/// <summary>
/// Orleans grain storage over any <see cref="ITableStore"/>: one row per grain (partition = grain id, row = state name),
/// the state serialized by the silo's grain-storage serializer (System.Text.Json), optimistic concurrency by ETag.
/// A stale ETag raises Orleans' <see cref="InconsistentStateException"/>, which deactivates the grain so it reloads.
/// </summary>
public sealed partial class TableGrainStorage(string name, TableGrainStorageOptions options, ITableStore store, IGrainStorageSerializer serializer, ILogger<TableGrainStorage> logger) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var row = await store.GetAsync(options.TableName, grainId.ToString(), stateName);
        if (row is null || row.Data.Length == 0)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
            grainState.ETag = row?.ETag;
            return;
        }

        grainState.State = serializer.Deserialize<T>(row.Data);
        grainState.RecordExists = true;
        grainState.ETag = row.ETag;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = serializer.Serialize(grainState.State).ToMemory();
        var row = new TableRow(grainId.ToString(), stateName, data, grainState.ETag);
        try
        {
            grainState.ETag = grainState.ETag is null
                ? await store.InsertAsync(options.TableName, row)
                : await store.ReplaceAsync(options.TableName, row);
            grainState.RecordExists = true;
        }
        catch (StorageConflictException ex)
        {
            LogConflict(logger, name, grainId, stateName, grainState.ETag);
            throw new InconsistentStateException(ex.Message, grainState.ETag ?? "(none)", "(changed)", ex);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            if (options.DeleteStateOnClear)
            {
                if (grainState.ETag is not null)
                {
                    await store.DeleteAsync(options.TableName, grainId.ToString(), stateName, grainState.ETag);
                }

                grainState.ETag = null;
            }
            else
            {
                var empty = new TableRow(grainId.ToString(), stateName, ReadOnlyMemory<byte>.Empty, grainState.ETag);
                grainState.ETag = grainState.ETag is null ? await store.InsertAsync(options.TableName, empty) : await store.ReplaceAsync(options.TableName, empty);
            }
        }
        catch (StorageConflictException ex)
        {
            LogConflict(logger, name, grainId, stateName, grainState.ETag);
            throw new InconsistentStateException(ex.Message, grainState.ETag ?? "(none)", "(changed)", ex);
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Provider}: write conflict for {GrainId}/{StateName} at ETag {ETag}")]
    private static partial void LogConflict(ILogger logger, string provider, GrainId grainId, string stateName, string? etag);
}
