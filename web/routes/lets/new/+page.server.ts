/**
 * `/lets/new`: the create-a-LETS form. The action checks the form with the same module the page
 * uses as the committee types, and answers `fail(400)` with one message per field; a valid form
 * comes back reviewed, and the page shows the rules in plain words before the wallet signs.
 */
import { fail } from "@sveltejs/kit";
import { DEFAULT_VALUES, valuesFromFormData } from "$lib/create-form/fields.ts";
import { validateCreateForm } from "$lib/create-form/validate.ts";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = () => ({ defaults: DEFAULT_VALUES });

export const actions: Actions = {
  default: async ({ request, locals }) => {
    const values = valuesFromFormData(await request.formData());
    const result = validateCreateForm(values, locals.config.network);
    if (!result.ok) return fail(400, { values, errors: result.errors });
    return { values, reviewed: true as const };
  },
};
