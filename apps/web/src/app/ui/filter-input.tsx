import { Input, type InputProps } from 'antd';

type Props = Omit<InputProps, 'value' | 'defaultValue' | 'onPressEnter' | 'onBlur'> & {
  /** The filter as it stands in the URL. */
  applied: string | undefined;
  onApply: (value: string) => void;
  /** Trimmed by default; e.g. upper-cased for codes. */
  normalize?: (text: string) => string;
};

/**
 * A free-text list filter applied on Enter or when the field is left, not on every keystroke: each
 * change is a URL entry and a request. Leaving the field unchanged applies nothing.
 */
export function FilterInput({ applied, onApply, normalize = (text) => text.trim(), ...props }: Props) {
  return (
    <Input
      {...props}
      defaultValue={applied}
      onPressEnter={(event) => onApply(normalize(event.currentTarget.value))}
      onBlur={(event) => {
        const value = normalize(event.currentTarget.value);
        if (value !== (applied ?? '')) onApply(value);
      }}
    />
  );
}
