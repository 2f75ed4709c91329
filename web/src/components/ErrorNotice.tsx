import { errorMessage } from '../api/problem';

/** An error said in French (the problem `detail` when the API sent one). */
export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p class="notice notice--error" role="alert">
      {errorMessage(error)}
    </p>
  );
}
