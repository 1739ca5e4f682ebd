using EsgTrace.Accounts;
using Xunit;

namespace EsgTrace.Domain.Tests.Accounts;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("Password1234!")]     // "password", decorated with digits and a symbol
    [InlineData("qwertyuiop123")]     // a keyboard row
    [InlineData("1qaz2wsx3edc")]      // on the list as it is
    [InlineData("!!ILoveYou2026!!")]  // case and decoration do not hide "iloveyou"
    public void CommonPasswords_AreRefused_EvenWhenLongEnough(string password)
        => Assert.Equal("This password is on the list of commonly used passwords; choose another.", PasswordPolicy.Check(password, "someone"));

    [Fact]
    public void TheShippedList_IsTheWholeList() => Assert.Equal(49_233, CommonPasswords.Count);

    [Fact]
    public void ThePasswordMayNotContainTheUsername()
        => Assert.Equal("The password must not contain the username.", PasswordPolicy.Check("my name is Mia.Marketing!", "mia.marketing"));

    [Fact]
    public void FewDistinctCharacters_AreRefused()
        => Assert.Equal("The password repeats too few characters to be hard to guess.", PasswordPolicy.Check("abababababababab", "someone"));

    [Theory]
    [InlineData("short", "The password must be at least 12 characters long.")]
    [InlineData("", "A password is required.")]
    public void LengthRules(string password, string expected) => Assert.Equal(expected, PasswordPolicy.Check(password, "someone"));

    [Theory]
    [InlineData("violet kettle on the stairs")]
    [InlineData("7Gq!t2v#Rw9e")]
    public void UncommonLongPasswords_Pass(string password) => Assert.Null(PasswordPolicy.Check(password, "someone"));

    [Fact]
    public void GeneratedPasswords_PassThePolicy()
    {
        for (var i = 0; i < 200; i++)
        {
            var password = GeneratedPasswords.New();
            Assert.Null(PasswordPolicy.Check(password, "admin"));
        }
    }
}
