using System.Reflection;
using System.Reflection.Emit;
using NewsSite.Core.Data;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Storage;

/// <summary>
/// The database boundary: everything SQLite-specific lives in NewsSite.Core.Data.Sqlite, so that a second database
/// can be added beside it without touching pages, importer, uploader, caches or feeds. These tests fail when code
/// anywhere else names Microsoft.Data.Sqlite or SQLitePCL, in its source or in its compiled form.
/// </summary>
public class SqliteBoundaryTests
{
    private const string SqliteNamespace = "NewsSite.Core.Data.Sqlite";

    private static readonly string[] DriverAssemblies = ["Microsoft.Data.Sqlite", "SQLitePCLRaw.core", "SQLitePCLRaw.batteries_v2"];

    [Fact]
    public void TheWebProject_DoesNotReferenceTheSqliteDriver()
    {
        var referenced = typeof(Program).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain(referenced, name => DriverAssemblies.Contains(name, StringComparer.Ordinal));
        Assert.Contains("NewsSite.Core", referenced); // the check looks at the right assembly
    }

    [Fact]
    public void NoTypeOutsideTheSqliteFolder_UsesTheSqliteDriver()
    {
        var offenders = new List<string>();
        foreach (var assembly in new[] { typeof(SiteStorage).Assembly, typeof(Program).Assembly })
        {
            foreach (var type in assembly.GetTypes().Where(t => !InSqliteFolder(t)))
            {
                offenders.AddRange(DriverUsesOf(type).Select(use => $"{type.FullName}: {use}"));
            }
        }

        Assert.Empty(offenders);

        // The scan finds what it looks for: the SQLite folder's own types do use the driver.
        Assert.NotEmpty(DriverUsesOf(typeof(SqliteDatabase)));
    }

    [Fact]
    public void NoSourceFileOutsideTheSqliteFolder_NamesTheSqliteDriver()
    {
        var sqliteFolder = Path.Combine("src", "NewsSite.Core", "Data", "Sqlite") + Path.DirectorySeparatorChar;
        var offenders = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => !Path.GetRelativePath(Repository.Root, path).StartsWith(sqliteFolder, StringComparison.Ordinal))
            .Where(path => File.ReadAllText(path) is var text
                && (text.Contains("Microsoft.Data.Sqlite", StringComparison.Ordinal) || text.Contains("SQLitePCL", StringComparison.Ordinal)
                    || text.Contains("SqliteException", StringComparison.Ordinal) || text.Contains("SqliteConnection", StringComparison.Ordinal)))
            .Select(path => Path.GetRelativePath(Repository.Root, path))
            .ToList();

        Assert.Empty(offenders);
    }

    // Nested types (async state machines, closures) share their outer type's namespace.
    private static bool InSqliteFolder(Type type) =>
        type.Namespace is { } name && (name == SqliteNamespace || name.StartsWith(SqliteNamespace + ".", StringComparison.Ordinal));

    private static bool IsDriver(Type? type)
    {
        if (type is null)
        {
            return false;
        }

        if (type.HasElementType)
        {
            return IsDriver(type.GetElementType());
        }

        return DriverAssemblies.Contains(type.Assembly.GetName().Name, StringComparer.Ordinal)
            || (type.IsGenericType && !type.IsGenericTypeDefinition && type.GetGenericArguments().Any(IsDriver));
    }

    private static IEnumerable<string> DriverUsesOf(Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (IsDriver(type.BaseType))
        {
            yield return $"derives from {type.BaseType}";
        }

        foreach (var face in type.GetInterfaces().Where(IsDriver))
        {
            yield return $"implements {face}";
        }

        foreach (var field in type.GetFields(All).Where(f => IsDriver(f.FieldType)))
        {
            yield return $"field {field.Name} of {field.FieldType}";
        }

        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (method is MethodInfo info && IsDriver(info.ReturnType))
            {
                yield return $"{method.Name} returns {info.ReturnType}";
            }

            foreach (var parameter in method.GetParameters().Where(p => IsDriver(p.ParameterType)))
            {
                yield return $"{method.Name} takes {parameter.ParameterType}";
            }

            var body = method.GetMethodBody();
            if (body is null)
            {
                continue;
            }

            foreach (var local in body.LocalVariables.Where(l => IsDriver(l.LocalType)))
            {
                yield return $"{method.Name} has a local {local.LocalType}";
            }

            foreach (var clause in body.ExceptionHandlingClauses.Where(c => c.Flags == ExceptionHandlingClauseOptions.Clause && IsDriver(c.CatchType)))
            {
                yield return $"{method.Name} catches {clause.CatchType}";
            }

            foreach (var member in MembersCalledBy(method, body))
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
    private static IEnumerable<MemberInfo> MembersCalledBy(MethodBase method, MethodBody body)
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

                if (member is Type named ? IsDriver(named) : IsDriver(member?.DeclaringType))
                {
                    yield return member!;
                }
            }

            i += size;
        }
    }
}
