// @actions/workflow-parser imports its JSON schemas without `with { type: "json" }`, which Node refuses (its
// bundlers accept it): this loader hook gives every .json module that attribute.
export async function load(url, context, nextLoad) {
  if (url.endsWith(".json")) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: "json" } });
  }
  return nextLoad(url, context);
}
