# bash completion for prensa: options, the formats the plugins found
# provide (prensa --list-input-formats, --list-output-formats), each
# writer's -O keys (prensa --help-format) and the filters (--list-filters).
# SPDX-License-Identifier: LGPL-2.1-or-later

_prensa_writers () { prensa --list-output-formats 2>/dev/null; }

# FORMAT.KEY= for every writer, or KEY= of one when FORMAT. is typed.
_prensa_option_keys ()
{
  local fmt
  for fmt in $(_prensa_writers); do
    prensa --help-format "$fmt" 2>/dev/null |
      sed -n 's/^  \([a-z][a-z0-9-]*\) .*/\1/p' | sed "s/^/$fmt./; s/\$/=/"
  done
}

_prensa ()
{
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion -n = || return
  else
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
  fi
  case $prev in
    -t|--to)
      local list=${cur%,*}
      [ "$list" = "$cur" ] && list="" || list="$list,"
      COMPREPLY=($(compgen -P "$list" -W "$(_prensa_writers) all" -- "${cur##*,}"))
      return ;;
    -f|--from)
      COMPREPLY=($(compgen -W "$(prensa --list-input-formats 2>/dev/null)" -- "$cur"))
      return ;;
    --help-format)
      COMPREPLY=($(compgen -W "$(_prensa_writers)" -- "$cur"))
      return ;;
    -F|--filter)
      COMPREPLY=($(compgen -W "$(prensa --list-filters 2>/dev/null | sed -n 's/^\([a-z0-9][^ ]*\) .*/\1/p')" -- "$cur"))
      return ;;
    -O|--option)
      compopt -o nospace 2>/dev/null
      COMPREPLY=($(compgen -W "$(_prensa_option_keys)" -- "$cur"))
      return ;;
    --wrap)
      COMPREPLY=($(compgen -W "auto none preserve" -- "$cur"))
      return ;;
    -o|--output|--metadata-file|--css|--reference-doc|--epub-cover-image|-d|--defaults)
      COMPREPLY=($(compgen -f -- "$cur"))
      return ;;
    --plugin-path|--resource-path)
      COMPREPLY=($(compgen -d -- "$cur"))
      return ;;
    --json-filter)
      COMPREPLY=($(compgen -c -- "$cur"))
      return ;;
    -M|--metadata|-j|--jobs|--toc-depth|--epub-chapter-level|--columns|--json-filter-timeout)
      return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(prensa --help 2>/dev/null | sed -n 's/^  *\(-[a-z], \)\{0,1\}\(--[a-z-]*\).*/\2/p')" -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _prensa prensa
