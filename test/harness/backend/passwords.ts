/**
 * Django's password validators as `validate_password(password)` runs them without a user object
 * (so the attribute-similarity check is skipped): minimum length 8, common password, all digits.
 * Django ships 20 000 common passwords; a short list of the usual suspects is enough for tests.
 */

const COMMON = new Set([
  '123', '1234', '12345', '123456', '1234567', '12345678', '123456789', '1234567890', '111111', '000000',
  '123123', '654321', '666666', '121212', '112233', '11111111', '88888888', '87654321', 'password', 'password1',
  'password123', 'passw0rd', 'qwerty', 'qwerty123', 'qwertyuiop', 'asdfgh', 'asdfghjkl', 'zxcvbnm', 'abc123',
  'abcdef', 'abcd1234', 'iloveyou', 'admin', 'admin123', 'administrator', 'welcome', 'welcome1', 'letmein',
  'monkey', 'dragon', 'football', 'baseball', 'sunshine', 'princess', 'master', 'shadow', 'superman',
  'trustno1', 'secret', 'changeme', 'test', 'test123', 'testtest', 'qazwsx', '1q2w3e4r', '1qaz2wsx', 'aaaaaa',
  'computer', 'internet', 'starwars', 'whatever', 'freedom', 'michael', 'jennifer', 'hello', 'hello123',
]);

export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('This password is too short. It must contain at least 8 characters.');
  if (COMMON.has(password.toLowerCase().trim())) problems.push('This password is too common.');
  if (/^\d+$/.test(password)) problems.push('This password is entirely numeric.');
  return problems;
}
