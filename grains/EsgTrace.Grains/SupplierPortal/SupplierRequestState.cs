using EsgTrace.EventSourcing;
using NodaTime;

namespace EsgTrace.SupplierPortal;

/// <summary>Snapshot of a request to a supplier: the request, its answers (each with its review) and where it stands.</summary>
public sealed class SupplierRequestState : IEventSourcedState
{
    public long Version { get; set; }

    public SupplierRequestInput? Request { get; set; }

    public SupplierRequestStatus Status { get; set; }

    public List<SupplierAnswer> Answers { get; set; } = [];

    public Instant CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public Instant UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    public static void Apply(SupplierRequestState state, SupplierRequestEvent e, long version)
    {
        switch (e)
        {
            case SupplierRequestCreated created:
                state.Request = created.Request;
                state.Status = SupplierRequestStatus.Open;
                state.CreatedAt = created.At;
                state.CreatedBy = created.Actor;
                break;
            case SupplierRequestAnswered answered:
                state.Answers.Add(new SupplierAnswer(state.Answers.Count + 1, answered.Answer, answered.At, answered.Actor, null));
                state.Status = SupplierRequestStatus.Answered;
                break;
            case SupplierAnswerAccepted accepted:
                Review(state, accepted.Answer, new AnswerReview(true, accepted.Reason, accepted.At, accepted.Actor));
                state.Status = SupplierRequestStatus.Accepted;
                break;
            case SupplierAnswerRejected rejected:
                Review(state, rejected.Answer, new AnswerReview(false, rejected.Reason, rejected.At, rejected.Actor));
                state.Status = SupplierRequestStatus.Open;
                break;
        }

        state.UpdatedAt = e.At;
        state.UpdatedBy = e.Actor;
    }

    private static void Review(SupplierRequestState state, int number, AnswerReview review)
    {
        var i = number - 1;
        if (i >= 0 && i < state.Answers.Count)
        {
            state.Answers[i] = state.Answers[i] with { Review = review };
        }
    }
}
