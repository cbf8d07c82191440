/**
 * A small rewriter of WGSL expressions, for the accuracy sweep's adversarial modes (accuracy/adversary.ts): it parses
 * the initializer of every `let`, `var`, assignment and `return` inside the functions of a shader, infers which
 * sub-expressions are f32, lets a rule replace nodes (a division, a call of `exp`, a sum with a product in it), and
 * prints the statement back. Everything else in the source is left as it was, byte for byte.
 *
 * It covers the WGSL the package's activation files use: literals (decimal, hex, hex floats, with suffixes),
 * identifiers, calls (with template arguments, `bitcast<f32>(…)`), unary `-`, `!`, `~`, and the binary operators
 * from `*` to `||` with WGSL's precedence. A statement it cannot parse throws, so that a sweep never runs on code the
 * adversary did not see.
 */

export type Expr =
  | { kind: 'literal'; text: string }
  | { kind: 'name'; text: string }
  | { kind: 'call'; callee: string; args: Expr[] }
  | { kind: 'unary'; op: string; operand: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'paren'; inner: Expr };

export type ScalarType = 'f32' | 'int' | 'bool' | 'unknown';

const BINARY_LEVELS: readonly (readonly string[])[] = [
  ['||'],
  ['&&'],
  ['|'],
  ['^'],
  ['&'],
  ['==', '!=', '<', '>', '<=', '>='],
  ['<<', '>>'],
  ['+', '-'],
  ['*', '/', '%'],
];

const TOKEN =
  /\s*(0[xX][0-9a-fA-F.]+(?:[pP][-+]?\d+)?[fhiu]?|\d+\.?\d*(?:[eE][-+]?\d+)?[fhiu]?|\.\d+(?:[eE][-+]?\d+)?[fhiu]?|[A-Za-z_][A-Za-z0-9_]*(?:<[A-Za-z0-9_, ]+>)?|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%<>&|^!~(),])/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(text);
    if (match === null) throw new Error(`wgsl-rewrite: cannot read "${text.slice(TOKEN.lastIndex, TOKEN.lastIndex + 20)}" in "${text}"`);
    tokens.push(match[1] as string);
  }
  return tokens;
}

/** Parses one expression. */
export function parseExpression(text: string): Expr {
  const tokens = tokenize(text);
  let at = 0;
  const peek = (): string | undefined => tokens[at];
  const take = (expected?: string): string => {
    const token = tokens[at++];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new Error(`wgsl-rewrite: expected ${expected ?? 'more'} at token ${at} of "${text}"`);
    }
    return token;
  };
  const binary = (level: number): Expr => {
    if (level === BINARY_LEVELS.length) return unary();
    let left = binary(level + 1);
    for (;;) {
      const op = peek();
      if (op === undefined || !(BINARY_LEVELS[level] as readonly string[]).includes(op)) return left;
      take();
      left = { kind: 'binary', op, left, right: binary(level + 1) };
    }
  };
  const unary = (): Expr => {
    const op = peek();
    if (op === '-' || op === '!' || op === '~') {
      take();
      return { kind: 'unary', op, operand: unary() };
    }
    return primary();
  };
  const primary = (): Expr => {
    const token = take();
    if (token === '(') {
      const inner = binary(0);
      take(')');
      return { kind: 'paren', inner };
    }
    if (/^[A-Za-z_]/.test(token)) {
      if (peek() !== '(') return { kind: 'name', text: token };
      take('(');
      const args: Expr[] = [];
      while (peek() !== ')') {
        args.push(binary(0));
        if (peek() === ',') take(',');
      }
      take(')');
      return { kind: 'call', callee: token, args };
    }
    return { kind: 'literal', text: token };
  };
  const expression = binary(0);
  if (at !== tokens.length) throw new Error(`wgsl-rewrite: unexpected "${tokens[at]}" in "${text}"`);
  return expression;
}

export function printExpression(e: Expr): string {
  switch (e.kind) {
    case 'literal':
    case 'name':
      return e.text;
    case 'call':
      return `${e.callee}(${e.args.map(printExpression).join(', ')})`;
    case 'unary':
      return `${e.op}${printExpression(e.operand)}`;
    case 'paren':
      return `(${printExpression(e.inner)})`;
    case 'binary':
      return `${printExpression(e.left)} ${e.op} ${printExpression(e.right)}`;
  }
}

/** The type of an expression, from its literals, the types of the names it uses, and its operators. */
export function typeOf(e: Expr, names: ReadonlyMap<string, ScalarType>): ScalarType {
  switch (e.kind) {
    case 'literal':
      return /[.pP]|[eE]|f$/.test(e.text) && !/^0[xX][0-9a-fA-F]+[iu]?$/.test(e.text) ? 'f32' : 'int';
    case 'name':
      return names.get(e.text) ?? (e.text === 'true' || e.text === 'false' ? 'bool' : 'unknown');
    case 'paren':
      return typeOf(e.inner, names);
    case 'unary':
      return e.op === '!' ? 'bool' : typeOf(e.operand, names);
    case 'call': {
      const cast = /^(?:bitcast<)?(f32|i32|u32|bool)>?$/.exec(e.callee);
      if (cast) return cast[1] === 'f32' ? 'f32' : cast[1] === 'bool' ? 'bool' : 'int';
      if (e.callee === 'select') return typeOf(e.args[0] as Expr, names) === 'unknown' ? typeOf(e.args[1] as Expr, names) : typeOf(e.args[0] as Expr, names);
      const first = e.args[0];
      return first === undefined ? 'unknown' : typeOf(first, names);
    }
    case 'binary': {
      if (['==', '!=', '<', '>', '<=', '>=', '&&', '||'].includes(e.op)) return 'bool';
      const left = typeOf(e.left, names);
      const right = typeOf(e.right, names);
      return left === 'f32' || right === 'f32' ? 'f32' : left === 'int' || right === 'int' ? 'int' : 'unknown';
    }
  }
}

/** A rule: returns a replacement for a node (its children already rewritten), or the node itself. */
export type Rule = (e: Expr, names: ReadonlyMap<string, ScalarType>) => Expr;

function rewriteExpression(e: Expr, names: ReadonlyMap<string, ScalarType>, rule: Rule): Expr {
  const inner = (x: Expr): Expr => rewriteExpression(x, names, rule);
  switch (e.kind) {
    case 'literal':
    case 'name':
      return rule(e, names);
    case 'paren':
      return rule({ kind: 'paren', inner: inner(e.inner) }, names);
    case 'unary':
      return rule({ kind: 'unary', op: e.op, operand: inner(e.operand) }, names);
    case 'call':
      return rule({ kind: 'call', callee: e.callee, args: e.args.map(inner) }, names);
    case 'binary':
      return rule({ kind: 'binary', op: e.op, left: inner(e.left), right: inner(e.right) }, names);
  }
}

// `const NAME: T = …;` and function parameters `name: T`.
const DECLARED = /(?:const\s+)?([A-Za-z_]\w*)\s*:\s*(f32|i32|u32|bool)\b/g;
// A statement whose expression the rewriter owns: let / var declarations, assignments, returns.
const STATEMENT = /^(\s*)(let\s+(\w+)\s*=|var\s+(\w+)\s*=|(\w+)\s*=(?!=)|return\b)(.*);(\s*(?:\/\/.*)?)$/;

/**
 * Rewrites the expressions of every statement inside a function body (`fn … { … }`) of `source` with `rule`, in
 * order, inferring the type of each `let` and `var` from its expression. Lines outside functions, comments and
 * control flow are kept as they are.
 */
export function rewriteFunctions(source: string, rule: Rule): string {
  const names = new Map<string, ScalarType>();
  for (const [, name, type] of source.matchAll(DECLARED)) names.set(name as string, type === 'f32' ? 'f32' : type === 'bool' ? 'bool' : 'int');
  let depth = 0;
  return source
    .split('\n')
    .map((line) => {
      const code = line.replace(/\/\/.*$/, '');
      const before = depth;
      depth += (code.match(/\{/g) ?? []).length - (code.match(/\}/g) ?? []).length;
      const match = before > 0 ? STATEMENT.exec(line) : null;
      if (match === null) {
        // A statement split over lines would escape the rewrite: refuse it rather than sweep code unseen.
        if (before > 0 && /^\s*(let|var|return)\b/.test(code)) throw new Error(`wgsl-rewrite: cannot rewrite "${line.trim()}" (one statement per line)`);
        return line;
      }
      const [, indent, head, letName, varName, , expression, trailing] = match as unknown as string[];
      const parsed = parseExpression(expression as string);
      const declared = letName ?? varName;
      if (declared !== undefined) names.set(declared, typeOf(parsed, names));
      const rewritten = printExpression(rewriteExpression(parsed, names, rule));
      return `${indent}${head} ${rewritten.trimStart()};${trailing}`;
    })
    .join('\n');
}
