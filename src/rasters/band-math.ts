/**
 * Band math: arithmetic expressions over the bands of a scene, such as NDVI
 * `(B5-B4)/(B5+B4)` or a scaling `b1*0.0001`. Text is tokenized and parsed by recursive descent
 * into a small syntax tree (never eval or Function), then compiled into array operations over
 * Float32Arrays. Division by zero, roots and logarithms of negatives, and any non-finite result
 * give NaN, which the tile renderer draws transparent.
 */
import { InvalidParameterError } from '../errors.js';

/** Longest accepted expression, in characters. */
export const MAX_EXPRESSION_CHARS = 256;

/** Most tokens (numbers, names, operators, parentheses, commas) in one expression. */
export const MAX_EXPRESSION_TOKENS = 64;

/** Functions an expression may call, with their number of arguments (min, max). */
const FUNCTIONS = {
  sqrt: [1, 1],
  abs: [1, 1],
  log: [1, 1],
  min: [2, 8],
  max: [2, 8],
} as const satisfies Record<string, readonly [number, number]>;

/** A function an expression may call (`log` is the natural logarithm). */
export type MathFunction = keyof typeof FUNCTIONS;

/** A node of the syntax tree of an expression. */
export type MathNode =
  | { kind: 'number'; value: number }
  | { kind: 'band'; name: string }
  | { kind: 'negate'; operand: MathNode }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: MathNode; right: MathNode }
  | { kind: 'call'; fn: MathFunction; args: MathNode[] };

/** A parsed expression. */
export interface BandExpression {
  /** The expression as given. */
  source: string;
  /** A canonical form (fully parenthesised, single spaces): equal for equal trees. */
  canonical: string;
  root: MathNode;
  /** Band names used, as the scene names them, in order of first use, without repeats. */
  bands: string[];
}

type TokenKind = 'number' | 'name' | 'operator' | 'open' | 'close' | 'comma' | 'end';

interface Token {
  kind: TokenKind;
  text: string;
  /** 0-based offset of the token's first character in the source. */
  offset: number;
}

function expressionError(source: string, reason: string): InvalidParameterError {
  return new InvalidParameterError(`expression '${source}': ${reason}`, { expression: source });
}

const TOKEN_PATTERN =
  /\s*(?:(?<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?<name>[A-Za-z_][A-Za-z0-9_]*)|(?<operator>[-+*/])|(?<open>\()|(?<close>\))|(?<comma>,))/y;

/** Splits an expression into tokens, ending with an `end` token. */
function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  while (offset < source.length) {
    if (source.slice(offset).trim() === '') break;
    TOKEN_PATTERN.lastIndex = offset;
    const match = TOKEN_PATTERN.exec(source);
    const groups = match?.groups;
    if (match === null || groups === undefined) {
      const at = offset + (source.slice(offset).length - source.slice(offset).trimStart().length);
      throw expressionError(source, `unexpected character '${source[at]}' at character ${at + 1}`);
    }
    const kind = (Object.keys(groups) as TokenKind[]).find((key) => groups[key] !== undefined)!;
    const text = groups[kind]!;
    tokens.push({ kind, text, offset: match.index + match[0].length - text.length });
    offset = TOKEN_PATTERN.lastIndex;
    if (tokens.length > MAX_EXPRESSION_TOKENS) {
      throw expressionError(source, `more than ${MAX_EXPRESSION_TOKENS} tokens`);
    }
  }
  tokens.push({ kind: 'end', text: 'end of expression', offset: source.length });
  return tokens;
}

/** Recursive-descent parser: expression := term (± term)*; term := unary (×/÷ unary)*. */
class Parser {
  private position = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
    private readonly resolveBand: (name: string, offset: number) => string,
  ) {}

  parse(): MathNode {
    const root = this.expression();
    const next = this.peek();
    if (next.kind !== 'end') throw this.unexpected(next, 'an operator or the end');
    return root;
  }

  private expression(): MathNode {
    let node = this.term();
    for (let next = this.peek(); next.text === '+' || next.text === '-'; next = this.peek()) {
      this.position++;
      node = { kind: 'binary', op: next.text, left: node, right: this.term() };
    }
    return node;
  }

  private term(): MathNode {
    let node = this.unary();
    for (let next = this.peek(); next.text === '*' || next.text === '/'; next = this.peek()) {
      this.position++;
      node = { kind: 'binary', op: next.text, left: node, right: this.unary() };
    }
    return node;
  }

  private unary(): MathNode {
    const next = this.peek();
    if (next.kind === 'operator' && (next.text === '-' || next.text === '+')) {
      this.position++;
      const operand = this.unary();
      return next.text === '-' ? { kind: 'negate', operand } : operand;
    }
    return this.primary();
  }

  private primary(): MathNode {
    const token = this.take();
    if (token.kind === 'number') return { kind: 'number', value: Number(token.text) };
    if (token.kind === 'open') {
      const inner = this.expression();
      this.expect('close', "')'");
      return inner;
    }
    if (token.kind === 'name' && this.peek().kind === 'open') return this.call(token);
    if (token.kind === 'name') {
      return { kind: 'band', name: this.resolveBand(token.text, token.offset) };
    }
    throw this.unexpected(token, 'a number, a band, a function or (');
  }

  private call(name: Token): MathNode {
    const fn = name.text.toLowerCase();
    if (!Object.hasOwn(FUNCTIONS, fn)) {
      const known = Object.keys(FUNCTIONS).join(', ');
      throw expressionError(
        this.source,
        `unknown function '${name.text}' at character ${name.offset + 1}; functions: ${known}`,
      );
    }
    this.expect('open', "'('");
    const args = [this.expression()];
    while (this.peek().kind === 'comma') {
      this.position++;
      args.push(this.expression());
    }
    this.expect('close', "')' or ','");

    const [fewest, most] = FUNCTIONS[fn as MathFunction];
    if (args.length < fewest || args.length > most) {
      const wanted = fewest === most ? `${fewest}` : `${fewest} to ${most}`;
      throw expressionError(
        this.source,
        `${fn}() at character ${name.offset + 1} takes ${wanted} arguments, got ${args.length}`,
      );
    }
    return { kind: 'call', fn: fn as MathFunction, args };
  }

  private peek(): Token {
    return this.tokens[this.position]!;
  }

  private take(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.position++;
    return token;
  }

  private expect(kind: TokenKind, what: string): void {
    const token = this.take();
    if (token.kind !== kind) throw this.unexpected(token, what);
  }

  private unexpected(token: Token, wanted: string): InvalidParameterError {
    const found = token.kind === 'end' ? 'the end' : `'${token.text}'`;
    return expressionError(
      this.source,
      `expected ${wanted} at character ${token.offset + 1}, found ${found}`,
    );
  }
}

/**
 * A band-name resolver: the exact name, else the one name equal ignoring case (`b4` → `B4`).
 * Throws naming the unknown band and the scene's bands.
 */
function bandResolver(
  source: string,
  bandNames: readonly string[],
): (name: string, offset: number) => string {
  return (name, offset) => {
    if (bandNames.includes(name)) return name;
    const folded = bandNames.filter((band) => band.toLowerCase() === name.toLowerCase());
    if (folded.length === 1) return folded[0]!;
    throw expressionError(
      source,
      `unknown band '${name}' at character ${offset + 1}; bands: ${bandNames.join(', ')}`,
    );
  };
}

/** The canonical text of a tree: fully parenthesised binary operations. */
function printNode(node: MathNode): string {
  switch (node.kind) {
    case 'number':
      return String(node.value);
    case 'band':
      return node.name;
    case 'negate':
      return `-(${printNode(node.operand)})`;
    case 'binary':
      return `(${printNode(node.left)} ${node.op} ${printNode(node.right)})`;
    case 'call':
      return `${node.fn}(${node.args.map(printNode).join(', ')})`;
  }
}

function collectBands(node: MathNode, into: string[]): string[] {
  if (node.kind === 'band' && !into.includes(node.name)) into.push(node.name);
  if (node.kind === 'negate') collectBands(node.operand, into);
  if (node.kind === 'binary') [node.left, node.right].forEach((child) => collectBands(child, into));
  if (node.kind === 'call') node.args.forEach((child) => collectBands(child, into));
  return into;
}

/**
 * Parses a band-math expression over the bands `bandNames` (as the scene names them: `B4`,
 * `SR_B4`, `ST_B10`, `b1`…; matched exactly, else ignoring case when that is unambiguous).
 * Grammar: numbers, band names, `+ - * /`, unary minus, parentheses, and the functions sqrt,
 * abs, log (natural), min and max. At most {@link MAX_EXPRESSION_CHARS} characters and
 * {@link MAX_EXPRESSION_TOKENS} tokens, and at least one band.
 * @throws InvalidParameterError with a one-line reason (and the 1-based character of a syntax
 * error, an unknown band or function).
 */
export function parseBandExpression(source: string, bandNames: readonly string[]): BandExpression {
  if (source.length > MAX_EXPRESSION_CHARS) {
    throw new InvalidParameterError(
      `expression of ${source.length} characters is longer than ${MAX_EXPRESSION_CHARS}`,
      { length: source.length, limit: MAX_EXPRESSION_CHARS },
    );
  }
  if (source.trim() === '') throw new InvalidParameterError('expression is empty');

  const tokens = tokenize(source);
  const root = new Parser(source, tokens, bandResolver(source, bandNames)).parse();
  const bands = collectBands(root, []);
  if (bands.length === 0) {
    throw expressionError(source, `uses no band; bands: ${bandNames.join(', ')}`);
  }
  return { source, canonical: printNode(root), root, bands };
}

/** Values of a node for every pixel (float64 intermediates). */
type Vector = Float64Array;

/** Evaluates the tree over `length` pixels; `bandValues` maps band name → values. */
function evaluateNode(
  node: MathNode,
  bandValues: ReadonlyMap<string, Float32Array>,
  length: number,
): Vector {
  switch (node.kind) {
    case 'number':
      return new Float64Array(length).fill(node.value);
    case 'band':
      return Float64Array.from(bandValues.get(node.name)!);
    case 'negate':
      return mapInPlace(evaluateNode(node.operand, bandValues, length), (v) => -v);
    case 'binary': {
      const left = evaluateNode(node.left, bandValues, length);
      const right = evaluateNode(node.right, bandValues, length);
      return combineInPlace(left, right, BINARY[node.op]);
    }
    case 'call': {
      const [first, ...rest] = node.args.map((arg) => evaluateNode(arg, bandValues, length));
      if (node.fn === 'min' || node.fn === 'max') {
        const pick = node.fn === 'min' ? Math.min : Math.max;
        return rest.reduce((acc, next) => combineInPlace(acc, next, pick), first!);
      }
      return mapInPlace(first!, UNARY[node.fn]);
    }
  }
}

const BINARY: Record<'+' | '-' | '*' | '/', (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => (b === 0 ? Number.NaN : a / b),
};

const UNARY: Record<'sqrt' | 'abs' | 'log', (a: number) => number> = {
  sqrt: Math.sqrt,
  abs: Math.abs,
  log: Math.log,
};

function mapInPlace(values: Vector, fn: (v: number) => number): Vector {
  for (let i = 0; i < values.length; i++) values[i] = fn(values[i]!);
  return values;
}

function combineInPlace(left: Vector, right: Vector, fn: (a: number, b: number) => number): Vector {
  for (let i = 0; i < left.length; i++) left[i] = fn(left[i]!, right[i]!);
  return left;
}

/**
 * Evaluates a parsed expression pixel by pixel. `bandValues` gives each band of
 * `expression.bands` in physical units (NaN for noData), all of one length. The result is
 * float32; NaN where any input is NaN, where a division is by zero, and where the result is not
 * finite (log(0), overflow).
 * @throws InvalidParameterError when a band is missing or the lengths differ.
 */
export function evaluateBandExpression(
  expression: BandExpression,
  bandValues: ReadonlyMap<string, Float32Array>,
): Float32Array {
  const length = bandValues.get(expression.bands[0]!)?.length ?? 0;
  for (const band of expression.bands) {
    const values = bandValues.get(band);
    if (values === undefined || values.length !== length) {
      throw new InvalidParameterError(
        `expression '${expression.source}': values of band '${band}' are ` +
          (values === undefined ? 'missing' : `${values.length} long, not ${length}`),
        { band },
      );
    }
  }

  const result = evaluateNode(expression.root, bandValues, length);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const v = result[i]!;
    out[i] = Number.isFinite(v) ? v : Number.NaN;
  }
  return out;
}
