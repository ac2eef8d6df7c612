// Reads a GitHub action.yml with GitHub's own parser (@actions/workflow-parser) and prints what a runner would run,
// as JSON: the parse errors, the inputs and their defaults, the outputs and the expression each maps, and each
// step with its env evaluated (@actions/expressions) for the inputs given as a JSON object in the second argument.
// Usage: node read-action.mjs <action.yml> '{"dockerfile":"image/Dockerfile"}'
import { readFileSync } from "node:fs";
import { register } from "node:module";

register("./json-modules.mjs", import.meta.url);
const { NoOperationTraceWriter } = await import("@actions/workflow-parser");
const { parseAction, convertActionTemplate } = await import("@actions/workflow-parser/actions/index");
const { Lexer, Parser, Evaluator, data } = await import("@actions/expressions");

const [file, inputsJson = "{}"] = process.argv.slice(2);
const parsed = parseAction({ name: file, content: readFileSync(file, "utf8") }, new NoOperationTraceWriter());
const errors = parsed.context.errors.getErrors().map((error) => error.message);
const action = parsed.value ? convertActionTemplate(parsed.context, parsed.value) : undefined;

const given = JSON.parse(inputsJson);
const inputs = new data.Dictionary();
for (const input of action?.inputs ?? []) {
  inputs.add(input.id, new data.StringData(given[input.id] ?? input.default?.toString() ?? ""));
}
const context = new data.Dictionary();
context.add("inputs", inputs);
context.add("github", new data.Dictionary());

const text = (token) => (token === undefined ? undefined : token.toString());
function evaluate(token) {
  if (token?.templateTokenType === 3 /* BasicExpression */ || token?.expr !== undefined) {
    const expression = new Parser(new Lexer(token.expression ?? token.expr).lex().tokens, ["inputs", "github", "steps"], []).parse();
    const value = new Evaluator(expression, context).evaluate();
    return value.coerceString();
  }
  return text(token);
}
const env = (token) => Object.fromEntries((token?.map ?? []).map(({ key, value }) => [key.toString(), evaluate(value)]));

console.log(JSON.stringify({
  errors,
  inputs: Object.fromEntries((action?.inputs ?? []).map((input) => [input.id, text(input.default) ?? ""])),
  outputs: Object.fromEntries((action?.outputs ?? []).map((output) => [output.id, text(output.value)])),
  using: action?.runs?.using,
  steps: (action?.runs?.steps ?? []).map((step) => ({ id: step.id, run: text(step.run), env: env(step.env) })),
}, null, 2));
