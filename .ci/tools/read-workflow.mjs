// Reads a GitHub workflow with GitHub's own parser (@actions/workflow-parser) and prints what a runner would run, as
// JSON: the parse errors, and each job with its needs, its matrix (the rows of `strategy.matrix.include`), its env and
// its steps (uses and with, or run; env), every value as written, `${{ }}` included (the parser's model, which
// writes a run: of one expression as ${{ format(...) }}).
// With --evaluate, evaluates each `${{ }}` of a text with @actions/expressions over a context given as JSON
// ({"matrix": {...}, "env": {...}, "github": {...}, "secrets": {...}}) and prints the text.
// Usage: node read-workflow.mjs <workflow.yml>
//        node read-workflow.mjs --evaluate '<text>' '<context json>'
import { readFileSync } from "node:fs";
import { register } from "node:module";

register("./json-modules.mjs", import.meta.url);
const { NoOperationTraceWriter, parseWorkflow, convertWorkflowTemplate } = await import("@actions/workflow-parser");
const { Lexer, Parser, Evaluator, data } = await import("@actions/expressions");

// A JSON value as @actions/expressions data.
function toData(value) {
  if (value === null || value === undefined) return new data.Null();
  if (Array.isArray(value)) {
    const array = new data.Array();
    value.forEach((item) => array.add(toData(item)));
    return array;
  }
  if (typeof value === "object") {
    const dictionary = new data.Dictionary();
    for (const [key, item] of Object.entries(value)) dictionary.add(key, toData(item));
    return dictionary;
  }
  if (typeof value === "boolean") return new data.BooleanData(value);
  if (typeof value === "number") return new data.NumberData(value);
  return new data.StringData(String(value));
}

function evaluateText(text, contextJson) {
  const given = JSON.parse(contextJson);
  const context = toData(given);
  const names = Object.keys(given);
  return text.replace(/\$\{\{(.*?)\}\}/gs, (_, expression) => {
    const parsed = new Parser(new Lexer(expression.trim()).lex().tokens, names, []).parse();
    return new Evaluator(parsed, context).evaluate().coerceString();
  });
}

// A template token as plain JSON, expressions kept as written.
function toValue(token) {
  if (token === undefined || token === null) return undefined;
  if (token.map !== undefined) return Object.fromEntries(token.map.map(({ key, value }) => [key.toString(), toValue(value)]));
  if (token.seq !== undefined) return token.seq.map(toValue);
  if (token.expr !== undefined) return "${{ " + token.expr + " }}";
  if (token.value !== undefined) return token.value;
  return token.toString();
}

const [first, ...rest] = process.argv.slice(2);
if (first === "--evaluate") {
  process.stdout.write(evaluateText(rest[0], rest[1] ?? "{}"));
} else {
  const parsed = parseWorkflow({ name: first, content: readFileSync(first, "utf8") }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  const workflow = parsed.value ? await convertWorkflowTemplate(parsed.context, parsed.value) : undefined;
  // The converted model leaves out an action step's `with:`: it is read from the parsed template, by job and step.
  const raw = toValue(parsed.value) ?? {};
  const jobs = (workflow?.jobs ?? []).map((job) => {
    const rawSteps = raw.jobs?.[job.id.toString()]?.steps ?? [];
    const strategy = toValue(job.strategy);
    return {
      id: job.id.toString(),
      needs: (job.needs ?? []).map((need) => need.toString()),
      matrix: strategy?.matrix?.include ?? [],
      env: toValue(job.env) ?? {},
      steps: (job.steps ?? []).map((step, index) => ({
        name: step.name?.toString(),
        uses: step.uses?.toString(),
        with: rawSteps[index]?.with ?? {},
        run: step.run === undefined ? undefined : toValue(step.run),
        env: toValue(step.env) ?? {},
      })),
    };
  });
  console.log(JSON.stringify({ errors: errors.concat((workflow?.errors ?? []).map((error) => error.Message)), jobs }, null, 2));
}
