// The namespace IssueSync.Contracts is the wire identity of every message: MassTransit names message types by
// their full type name, so renaming or moving a contract is a breaking change for every producer.
