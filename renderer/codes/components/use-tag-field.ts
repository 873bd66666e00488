import { useMemo, useState } from 'react';
import { useCodes } from '../context';
import { tagsOf } from '../store/account-display';
import { tagsToSave, type TagInputProps } from './TagInput';

/**
 * The state behind a TagInput in an account form (Add and Edit): the chips, the text typed but
 * not yet added, and suggestions from the tags already in use. `toSave()` is what the form
 * submits: the chips plus the typed text, under the shared rules.
 */
export function useTagField(initial: readonly string[]): {
  inputProps: Pick<TagInputProps, 'tags' | 'onTagsChange' | 'text' | 'onTextChange' | 'suggestions'>;
  toSave: () => ReturnType<typeof tagsToSave>;
} {
  const accounts = useCodes((s) => s.accounts);
  const suggestions = useMemo(() => tagsOf(accounts), [accounts]);
  const [tags, setTags] = useState<string[]>(() => [...initial]);
  const [text, setText] = useState('');
  return {
    inputProps: { tags, onTagsChange: setTags, text, onTextChange: setText, suggestions },
    toSave: () => tagsToSave(tags, text),
  };
}
