using System.Linq.Expressions;

namespace IssueSync.Worker.Ledger;

/// <summary>Turns a two-parameter rule into a query filter by fixing its second argument (EF Core sends it as a parameter).</summary>
internal static class ExpressionBinder
{
    public static Expression<Func<T, bool>> BindSecond<T, TArg>(Expression<Func<T, TArg, bool>> rule, TArg value)
    {
        var holder = new Holder<TArg>(value);
        var replacement = Expression.Property(Expression.Constant(holder), nameof(Holder<TArg>.Value));
        var body = new Replace(rule.Parameters[1], replacement).Visit(rule.Body);
        return Expression.Lambda<Func<T, bool>>(body, rule.Parameters[0]);
    }

    private sealed record Holder<TArg>(TArg Value);

    private sealed class Replace(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }
}
