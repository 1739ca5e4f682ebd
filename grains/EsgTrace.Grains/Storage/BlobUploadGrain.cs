using System.IO.Pipelines;

namespace EsgTrace.Storage;

/// <summary>
/// Streams an upload's chunks into <see cref="IBlobStore.PutStreamAsync"/> through a pipe: the store reads the pipe as a
/// stream while chunks arrive, and at most <see cref="PauseBytes"/> wait in memory (an Append waits for the store).
/// </summary>
public sealed class BlobUploadGrain(IBlobStore blobs) : Grain, IBlobUploadGrain
{
    private const long PauseBytes = 4L * 1024 * 1024;
    private Pipe? _pipe;
    private Task<BlobInfo>? _put;

    public Task Begin(string container, string name, string contentType)
    {
        if (_pipe is not null)
        {
            throw new InvalidOperationException("This upload has begun already; use a new key for a new upload.");
        }

        BlobNames.EnsureContainer(container);
        BlobNames.EnsureName(name);
        _pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PauseBytes, resumeWriterThreshold: PauseBytes / 2, useSynchronizationContext: false));
        var reader = _pipe.Reader.AsStream();
        // Off the grain's scheduler: the store's reads wait on the pipe while this grain's Append calls fill it.
        _put = Task.Run(async () =>
        {
            await using (reader)
            {
                return await blobs.PutStreamAsync(container, name, reader, contentType);
            }
        });
        return Task.CompletedTask;
    }

    public async Task Append(byte[] chunk)
    {
        var pipe = _pipe ?? throw new InvalidOperationException("Begin the upload first.");
        if (chunk.Length > IBlobUploadGrain.MaxChunkBytes)
        {
            throw new ArgumentException($"A chunk holds at most {IBlobUploadGrain.MaxChunkBytes:N0} bytes.", nameof(chunk));
        }

        if (_put!.IsFaulted)
        {
            await _put;
        }

        var flushed = await pipe.Writer.WriteAsync(chunk);
        if (flushed.IsCompleted)
        {
            await _put;
        }
    }

    public async Task<BlobInfo> Complete()
    {
        var pipe = _pipe ?? throw new InvalidOperationException("Begin the upload first.");
        await pipe.Writer.CompleteAsync();
        var info = await _put!;
        DeactivateOnIdle();
        return info;
    }

    public async Task Abort()
    {
        if (_pipe is { } pipe)
        {
            await pipe.Writer.CompleteAsync(new OperationCanceledException("The upload was aborted."));
            try
            {
                await _put!;
            }
            catch (Exception)
            {
                // Expected: the store saw the stream fail and kept nothing.
            }
        }

        DeactivateOnIdle();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_put is { IsCompleted: false })
        {
            await Abort();
        }
    }
}
