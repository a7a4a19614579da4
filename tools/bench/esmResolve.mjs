/** The resolve hook registered by esmHooks.mjs. */
export async function resolve(specifier, context, nextResolve) {
  const fromTfjs = context.parentURL?.includes('/node_modules/@tensorflow/');
  if (!fromTfjs || !specifier.startsWith('.') || specifier.endsWith('.js'))
    return nextResolve(specifier, context);
  try {
    return await nextResolve(`${specifier}.js`, context);
  } catch {
    return nextResolve(specifier, context);
  }
}
