using System.Reflection;
using System.Reflection.Emit;
using NewsSite.Core.Data;
using NewsSite.Core.Data.Postgres;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Storage;

/// <summary>
/// The database boundary: everything specific to one database lives in its folder (NewsSite.Core.Data.Sqlite,
/// NewsSite.Core.Data.Postgres), so that pages, importer, uploader, caches and feeds never depend on which one runs.
/// These tests fail when code anywhere else names a database's driver, in its source or in its compiled form.
/// </summary>
public class DatabaseBoundaryTests
{
    /// <summary>A dialect's folder, its driver's assemblies, the words its source would show, and one of its own types.</summary>
    public sealed record Dialect(string Name, string Namespace, string Folder, string[] DriverAssemblies, string[] SourceWords, Type OwnType)
    {
        public override string ToString() => Name;
    }

    private static readonly Dialect Sqlite = new(
        "SQLite", "NewsSite.Core.Data.Sqlite", "Sqlite", ["Microsoft.Data.Sqlite", "SQLitePCLRaw.core", "SQLitePCLRaw.batteries_v2"],
        ["Microsoft.Data.Sqlite", "SQLitePCL", "SqliteException", "SqliteConnection"], typeof(SqliteDatabase));

    private static readonly Dialect Postgres = new(
        "PostgreSQL", "NewsSite.Core.Data.Postgres", "Postgres", ["Npgsql"], ["Npgsql"], typeof(PostgresDatabase));

    public static TheoryData<Dialect> Dialects => new(Sqlite, Postgres);

    [Theory]
    [MemberData(nameof(Dialects))]
    public void TheWebProject_DoesNotReferenceTheDriver(Dialect dialect)
    {
        var referenced = typeof(Program).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain(referenced, name => dialect.DriverAssemblies.Contains(name, StringComparer.Ordinal));
        Assert.Contains("NewsSite.Core", referenced); // the check looks at the right assembly
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void NoTypeOutsideTheDialectsFolder_UsesItsDriver(Dialect dialect)
    {
        var offenders = new List<string>();
        foreach (var assembly in new[] { typeof(SiteStorage).Assembly, typeof(Program).Assembly })
        {
            foreach (var type in assembly.GetTypes().Where(t => !InFolder(t, dialect)))
            {
                offenders.AddRange(DriverUsesOf(type, dialect).Select(use => $"{type.FullName}: {use}"));
            }
        }

        Assert.Empty(offenders);

        // The scan finds what it looks for: the folder's own types do use the driver.
        Assert.NotEmpty(DriverUsesOf(dialect.OwnType, dialect));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void NoSourceFileOutsideTheDialectsFolder_NamesItsDriver(Dialect dialect)
    {
        var folder = Path.Combine("src", "NewsSite.Core", "Data", dialect.Folder) + Path.DirectorySeparatorChar;
        var offenders = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => !Path.GetRelativePath(Repository.Root, path).StartsWith(folder, StringComparison.Ordinal))
            .Where(path => File.ReadAllText(path) is var text && dialect.SourceWords.Any(word => text.Contains(word, StringComparison.Ordinal)))
            .Select(path => Path.GetRelativePath(Repository.Root, path))
            .ToList();

        Assert.Empty(offenders);
    }

    // Nested types (async state machines, closures) share their outer type's namespace.
    private static bool InFolder(Type type, Dialect dialect) =>
        type.Namespace is { } name && (name == dialect.Namespace || name.StartsWith(dialect.Namespace + ".", StringComparison.Ordinal));

        private static bool IsDriver(Type? type, Dialect dialect)
    {
        if (type is null)
        {
            return false;
        }

        if (type.HasElementType)
        {
            return IsDriver(type.GetElementType(), dialect);
        }

        return dialect.DriverAssemblies.Contains(type.Assembly.GetName().Name, StringComparer.Ordinal)
            || (type.IsGenericType && !type.IsGenericTypeDefinition && type.GetGenericArguments().Any(t => IsDriver(t, dialect)));
    }

    private static IEnumerable<string> DriverUsesOf(Type type, Dialect dialect)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (IsDriver(type.BaseType, dialect))
        {
            yield return $"derives from {type.BaseType}";
        }

        foreach (var face in type.GetInterfaces().Where(t => IsDriver(t, dialect)))
        {
            yield return $"implements {face}";
        }

        foreach (var field in type.GetFields(All).Where(f => IsDriver(f.FieldType, dialect)))
        {
            yield return $"field {field.Name} of {field.FieldType}";
        }

        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (method is MethodInfo info && IsDriver(info.ReturnType, dialect))
            {
                yield return $"{method.Name} returns {info.ReturnType}";
            }

            foreach (var parameter in method.GetParameters().Where(p => IsDriver(p.ParameterType, dialect)))
            {
                yield return $"{method.Name} takes {parameter.ParameterType}";
            }

            var body = method.GetMethodBody();
            if (body is null)
            {
                continue;
            }

            foreach (var local in body.LocalVariables.Where(l => IsDriver(l.LocalType, dialect)))
            {
                yield return $"{method.Name} has a local {local.LocalType}";
            }

            foreach (var clause in body.ExceptionHandlingClauses.Where(c => c.Flags == ExceptionHandlingClauseOptions.Clause && IsDriver(c.CatchType, dialect)))
            {
                yield return $"{method.Name} catches {clause.CatchType}";
            }

            foreach (var member in MembersCalledBy(method, body, dialect))
            {
                yield return $"{method.Name} uses {member.DeclaringType}.{member.Name}";
            }
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Every method, field and type an IL body names whose declaring type belongs to the driver.</summary>
    private static IEnumerable<MemberInfo> MembersCalledBy(MethodBase method, MethodBody body, Dialect dialect)
    {
        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            var size = opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
            if (opCode.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var token = BitConverter.ToInt32(il, i);
                MemberInfo? member;
                try
                {
                    member = method.Module.ResolveMember(token, typeArguments, methodArguments);
                }
                catch (ArgumentException)
                {
                    member = null;
                }

                if (member is Type named ? IsDriver(named, dialect) : IsDriver(member?.DeclaringType, dialect))
                {
                    yield return member!;
                }
            }

            i += size;
        }
    }
}
